// AWS CloudFormation resource traits (namespace aws.cloudformation), written for @seqstore/smithy.
$version: "2.0"

namespace aws.cloudformation

@trait(selector: "resource")
structure cfnResource {
    name: String
    additionalSchemas: StructureIdList
    primaryIdentifier: String
}

@private
list StructureIdList {
    @idRef(failWhenMissing: true, selector: "structure")
    member: String
}

@trait(selector: "structure > member", conflicts: ["aws.cloudformation#cfnMutability"])
structure cfnExcludeProperty {}

@trait(selector: "structure > member")
structure cfnAdditionalIdentifier {}

@trait(selector: "structure > member")
string cfnName

@trait(selector: "structure > member")
structure cfnDefaultValue {}

@trait(selector: "structure > member")
enum cfnMutability {
    FULL = "full"
    CREATE = "create"
    CREATE_AND_READ = "create-and-read"
    READ = "read"
    WRITE = "write"
}
