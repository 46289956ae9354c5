// AWS authentication traits (namespace aws.auth), written for @seqstore/smithy.
$version: "2.0"

namespace aws.auth

@trait(selector: "service")
@authDefinition(traits: [unsignedPayload])
structure sigv4 {
    @required
    @length(min: 1)
    name: String
}

@trait(selector: "service[trait|aws.auth#sigv4]")
@authDefinition(traits: [unsignedPayload])
structure sigv4a {
    @required
    @length(min: 1)
    name: String
}

@trait(selector: "operation")
structure unsignedPayload {}

@trait(selector: "service")
@authDefinition
structure cognitoUserPools {
    @required
    providerArns: StringList
}

@private
list StringList {
    member: String
}
