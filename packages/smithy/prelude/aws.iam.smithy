// AWS IAM traits (namespace aws.iam), written for @seqstore/smithy.
$version: "2.0"

namespace aws.iam

@trait(selector: "operation")
string actionPermissionDescription

@trait(selector: ":test(service, resource, operation)")
list conditionKeys {
    member: String
}

@trait(selector: "service")
map defineConditionKeys {
    key: String
    value: ConditionKeyDefinition
}

@private
structure ConditionKeyDefinition {
    @required
    type: String

    documentation: String

    externalDocumentation: String

    relativeDocumentation: String

    required: Boolean
}

@trait(selector: "resource")
structure disableConditionKeyInference {}

@trait(selector: ":test(service, resource, operation)")
list supportedPrincipalTypes {
    member: String
}

@trait(selector: "resource")
structure iamResource {
    name: String
    relativeDocumentation: String
    disableConditionKeyInheritance: Boolean
}

@trait(selector: "operation")
structure iamAction {
    name: String
    documentation: String
    relativeDocumentation: String
    requiredActions: StringList
    resources: ActionResources
    createsResources: StringList
}

@private
structure ActionResources {
    required: ActionResourceMap
    optional: ActionResourceMap
}

@private
map ActionResourceMap {
    key: String
    value: ActionResource
}

@private
structure ActionResource {
    conditionKeys: StringList
}

@trait(selector: "operation")
list requiredActions {
    member: String
}

@trait(selector: "structure > member")
list conditionKeyValue {
    member: String
}

@trait(selector: "operation")
structure serviceResolvedConditionKeys {}

@private
list StringList {
    member: String
}
