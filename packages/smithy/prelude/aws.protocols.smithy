// AWS protocol traits (namespace aws.protocols), written for @seqstore/smithy.
$version: "2.0"

namespace aws.protocols

@trait(selector: "service")
@protocolDefinition(
    traits: [
        smithy.api#cors
        smithy.api#endpoint
        smithy.api#hostLabel
        smithy.api#http
        smithy.api#httpError
        smithy.api#httpHeader
        smithy.api#httpLabel
        smithy.api#httpPayload
        smithy.api#httpPrefixHeaders
        smithy.api#httpQuery
        smithy.api#httpQueryParams
        smithy.api#httpResponseCode
        smithy.api#jsonName
        smithy.api#timestampFormat
    ]
)
structure restJson1 {
    http: StringList
    eventStreamHttp: StringList
}

@trait(selector: "service")
@protocolDefinition(
    traits: [
        smithy.api#cors
        smithy.api#endpoint
        smithy.api#hostLabel
        smithy.api#http
        smithy.api#httpError
        smithy.api#httpHeader
        smithy.api#httpLabel
        smithy.api#httpPayload
        smithy.api#httpPrefixHeaders
        smithy.api#httpQuery
        smithy.api#httpQueryParams
        smithy.api#httpResponseCode
        smithy.api#xmlAttribute
        smithy.api#xmlFlattened
        smithy.api#xmlName
        smithy.api#xmlNamespace
        smithy.api#timestampFormat
    ]
    noInlineDocumentSupport: true
)
structure restXml {
    http: StringList
    eventStreamHttp: StringList
    noErrorWrapping: Boolean
}

@trait(selector: "service")
@protocolDefinition(traits: [smithy.api#timestampFormat, smithy.api#cors, smithy.api#endpoint, smithy.api#hostLabel])
structure awsJson1_0 {
    http: StringList
    eventStreamHttp: StringList
}

@trait(selector: "service")
@protocolDefinition(traits: [smithy.api#timestampFormat, smithy.api#cors, smithy.api#endpoint, smithy.api#hostLabel])
structure awsJson1_1 {
    http: StringList
    eventStreamHttp: StringList
}

@trait(selector: "service [trait|xmlNamespace]")
@protocolDefinition(
    traits: [
        smithy.api#timestampFormat
        smithy.api#cors
        smithy.api#endpoint
        smithy.api#hostLabel
        smithy.api#xmlAttribute
        smithy.api#xmlFlattened
        smithy.api#xmlName
        smithy.api#xmlNamespace
        awsQueryError
    ]
    noInlineDocumentSupport: true
)
structure awsQuery {}

@trait(selector: "service [trait|xmlNamespace]")
@protocolDefinition(
    traits: [
        smithy.api#timestampFormat
        smithy.api#cors
        smithy.api#endpoint
        smithy.api#hostLabel
        smithy.api#xmlAttribute
        smithy.api#xmlFlattened
        smithy.api#xmlName
        smithy.api#xmlNamespace
        ec2QueryName
    ]
    noInlineDocumentSupport: true
)
structure ec2Query {}

@trait(selector: "structure > member")
@pattern("^[a-zA-Z_][a-zA-Z_0-9-]*$")
string ec2QueryName

@trait(selector: "structure [trait|error]")
structure awsQueryError {
    @required
    @pattern("^[A-Za-z0-9][A-Za-z0-9.\\-:]*$")
    code: String

    @required
    @range(min: 200, max: 599)
    httpResponseCode: Integer
}

@trait(
    selector: "service :test([trait|aws.protocols#awsJson1_0], [trait|smithy.protocols#rpcv2Cbor], [trait|smithy.protocols#rpcv2Json])"
)
structure awsQueryCompatible {}

@trait(selector: "operation")
structure httpChecksum {
    requestAlgorithmMember: String
    requestChecksumRequired: Boolean
    requestValidationModeMember: String
    responseAlgorithms: ChecksumAlgorithmSet
}

@uniqueItems
@private
list ChecksumAlgorithmSet {
    member: String
}

@private
list StringList {
    member: String
}
