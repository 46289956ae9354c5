// Endpoint rules traits (namespace smithy.rules), written for @seqstore/smithy.
// The rule set and tests are documents: their inner structure is checked by rules engines.
$version: "2.0"

namespace smithy.rules

@trait(selector: "service")
document endpointRuleSet

@trait(selector: "service")
structure endpointTests {
    @required
    version: String

    testCases: EndpointTestList
}

@private
list EndpointTestList {
    member: Document
}

@trait(selector: "service")
map clientContextParams {
    key: String
    value: ClientContextParamDefinition
}

@private
structure ClientContextParamDefinition {
    @required
    type: ShapeType

    documentation: String
}

@private
enum ShapeType {
    STRING = "string"
    BOOLEAN = "boolean"
    STRING_ARRAY = "stringArray"
}

@trait(selector: "operation")
map staticContextParams {
    key: String
    value: StaticContextParamDefinition
}

@private
structure StaticContextParamDefinition {
    @required
    value: Document
}

@trait(selector: "operation")
map operationContextParams {
    key: String
    value: OperationContextParamDefinition
}

@private
structure OperationContextParamDefinition {
    @required
    path: String
}

@trait(selector: "structure > member")
structure contextParam {
    @required
    name: String
}

@trait(selector: "service")
document endpointBdd
