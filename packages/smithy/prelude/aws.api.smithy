// AWS service traits (namespace aws.api), written for @seqstore/smithy from the AWS traits
// documentation: service metadata, ARNs, data classification and endpoint discovery.
$version: "2.0"

namespace aws.api

@trait(selector: "service")
structure service {
    @required
    sdkId: String

    arnNamespace: ArnNamespace

    cloudFormationName: CloudFormationName

    cloudTrailEventSource: String

    docId: String

    endpointPrefix: String
}

@pattern("^[a-z0-9.\\-]{1,63}$")
@private
string ArnNamespace

@pattern("^[A-Z][A-Za-z0-9]+$")
@private
string CloudFormationName

@trait(selector: "resource")
structure arn {
    @required
    template: String

    absolute: Boolean

    noRegion: Boolean

    noAccount: Boolean
}

@trait(selector: "string")
structure arnReference {
    type: String

    @idRef(failWhenMissing: true, selector: "resource")
    resource: String

    @idRef(failWhenMissing: true, selector: "service")
    service: String
}

@trait(selector: ":test(simpleType, list, structure, union, member)")
enum data {
    CUSTOMER_CONTENT = "content"
    CUSTOMER_ACCOUNT_INFORMATION = "account"
    SERVICE_ATTRIBUTES = "usage"
    TAG_DATA = "tagging"
    PERMISSIONS_DATA = "permissions"
}

@trait(selector: ":test(service, resource, operation)", conflicts: ["aws.api#dataPlane"])
structure controlPlane {}

@trait(selector: ":test(service, resource, operation)", conflicts: ["aws.api#controlPlane"])
structure dataPlane {}

@trait(selector: "service")
structure clientEndpointDiscovery {
    @required
    @idRef(failWhenMissing: true, selector: "operation")
    operation: String

    @idRef(failWhenMissing: true, selector: "structure[trait|error]")
    error: String
}

@trait(selector: "operation")
structure clientDiscoveredEndpoint {
    @required
    required: Boolean
}

@trait(
    selector: "operation[trait|aws.api#clientDiscoveredEndpoint] -[input]-> structure > :test(member[trait|required] > string)"
)
structure clientEndpointDiscoveryId {}

@trait(selector: "service")
structure tagEnabled {
    disableDefaultOperations: Boolean
}

@trait(selector: "resource")
structure taggable {
    property: String

    apiConfig: TaggableApiConfig

    disableSystemTags: Boolean
}

@private
structure TaggableApiConfig {
    @required
    @idRef(failWhenMissing: true, selector: "operation")
    tagApi: String

    @required
    @idRef(failWhenMissing: true, selector: "operation")
    untagApi: String

    @required
    @idRef(failWhenMissing: true, selector: "operation")
    listTagsApi: String
}
