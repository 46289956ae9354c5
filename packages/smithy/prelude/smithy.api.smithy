// The Smithy prelude (namespace smithy.api), written for @seqstore/smithy from the
// Smithy 2.0 specification: the simple types every model can use, Unit, and the
// definitions of the built-in traits. Every model is loaded with this file.
$version: "2.0"

namespace smithy.api

string String

blob Blob

bigInteger BigInteger

bigDecimal BigDecimal

timestamp Timestamp

document Document

boolean Boolean

byte Byte

short Short

integer Integer

long Long

float Float

double Double

@default(false)
boolean PrimitiveBoolean

@default(0)
byte PrimitiveByte

@default(0)
short PrimitiveShort

@default(0)
integer PrimitiveInteger

@default(0)
long PrimitiveLong

@default(0)
float PrimitiveFloat

@default(0)
double PrimitiveDouble

@unitType
structure Unit {}

// ---- trait definition machinery ---------------------------------------------------------

@trait(selector: ":is(simpleType, list, map, structure, union)")
structure trait {
    selector: String
    structurallyExclusive: StructurallyExclusive
    conflicts: NonEmptyStringList
    breakingChanges: TraitDiffRules
}

@private
@length(min: 1)
list TraitDiffRules {
    member: TraitDiffRule
}

@private
structure TraitDiffRule {
    path: String

    @required
    change: TraitChangeType

    severity: Severity = "ERROR"

    message: String
}

@private
enum TraitChangeType {
    UPDATE = "update"
    ADD = "add"
    REMOVE = "remove"
    PRESENCE = "presence"
    ANY = "any"
}

@private
enum Severity {
    NOTE
    WARNING
    DANGER
    ERROR
}

@private
enum StructurallyExclusive {
    MEMBER = "member"
    TARGET = "target"
}

@trait(selector: "[trait|trait]")
map traitValidators {
    key: String
    value: TraitValidator
}

@private
structure TraitValidator {
    @required
    selector: String

    message: String

    severity: Severity = "ERROR"
}

@private
@length(min: 1)
list NonEmptyStringList {
    member: NonEmptyString
}

@private
@length(min: 1)
string NonEmptyString

@private
map NonEmptyStringMap {
    key: NonEmptyString
    value: NonEmptyString
}

@private
@pattern("^[A-Za-z_][A-Za-z0-9_]*$")
string Identifier

// ---- documentation and lifecycle --------------------------------------------------------

@trait
string documentation

@trait
@length(min: 1)
map externalDocumentation {
    key: NonEmptyString
    value: NonEmptyString
}

@trait
structure deprecated {
    message: String
    since: String
}

@trait
string since

@trait
@length(min: 1)
list tags {
    member: String
}

@trait
string title

@trait
structure unstable {}

@trait
structure internal {}

@trait
structure private {}

@trait(selector: ":not(:test(service, operation, resource, member))")
structure sensitive {}

@trait(
    selector: "structure > member"
    conflicts: ["required"]
)
structure recommended {
    reason: String
}

@trait(selector: "operation")
list examples {
    member: Example
}

@private
structure Example {
    @required
    title: String

    documentation: String

    input: Document

    output: Document

    error: ExampleError

    allowConstraintErrors: Boolean
}

@private
structure ExampleError {
    @idRef(selector: "structure[trait|error]")
    shapeId: String

    content: Document
}

@trait
list suppress {
    member: NonEmptyString
}

@trait(selector: ":not(member)")
structure mixin {
    localTraits: LocalMixinTraitList
}

@private
list LocalMixinTraitList {
    member: LocalMixinTrait
}

@private
@idRef(failWhenMissing: true, selector: "[trait|trait]")
string LocalMixinTrait

// ---- type refinement --------------------------------------------------------------------

@trait(
    selector: ":is(simpleType, list, map, structure > member :test(> :is(simpleType, list, map)))"
)
document default

@trait(selector: "structure > member [trait|default]")
structure addedDefault {}

@trait(selector: "structure > member")
structure clientOptional {}

@trait(selector: "structure > member")
structure required {}

@trait(
    selector: ":test(boolean, byte, short, integer, long, float, double, member > :test(boolean, byte, short, integer, long, float, double))"
    breakingChanges: [{change: "remove"}]
)
structure box {}

@trait(selector: "structure", conflicts: ["trait", "output"])
structure input {}

@trait(selector: "structure", conflicts: ["trait", "input"])
structure output {}

@trait(selector: "[id=smithy.api#Unit]")
structure unitType {}

@trait(selector: "structure", conflicts: ["trait"])
enum error {
    CLIENT = "client"
    SERVER = "server"
}

@trait(selector: ":is(list, map)")
structure sparse {}

@trait(selector: "list :not(> member ~> :is(float, double, document))")
structure uniqueItems {}

@trait(selector: "string :not(enum)")
@length(min: 1)
list enum {
    member: EnumDefinition
}

@private
structure EnumDefinition {
    @required
    value: NonEmptyString

    name: EnumConstantBodyName

    documentation: String

    tags: NonEmptyStringList

    deprecated: Boolean
}

@private
@pattern("^[a-zA-Z_]+[a-zA-Z_0-9]*$")
string EnumConstantBodyName

@trait(selector: ":is(enum, intEnum) > member")
document enumValue

@trait(selector: ":test(string, member > string)")
structure idRef {
    selector: String = "*"
    failWhenMissing: Boolean
    errorMessage: String
}

// ---- constraints ------------------------------------------------------------------------

@trait(selector: ":test(list, map, string, blob, member > :is(list, map, string, blob))")
structure length {
    min: Long
    max: Long
}

@trait(selector: ":test(number, member > number)")
structure range {
    min: BigDecimal
    max: BigDecimal
}

@trait(selector: ":test(string, member > string)")
string pattern

// ---- behavior ---------------------------------------------------------------------------

@trait(selector: "structure[trait|error]")
structure retryable {
    throttling: Boolean
}

@trait(selector: "operation", conflicts: ["idempotent"])
structure readonly {}

@trait(selector: "operation", conflicts: ["readonly"])
structure idempotent {}

@trait(selector: "structure > :test(member > string)")
structure idempotencyToken {}

@trait(selector: "resource:test(-[put]->)")
structure noReplace {}

@trait(
    selector: ":is(service, operation)"
)
structure paginated {
    inputToken: NonEmptyString
    outputToken: NonEmptyString
    items: NonEmptyString
    pageSize: NonEmptyString
}

@trait(selector: "operation")
structure httpChecksumRequired {}

@trait(selector: "operation")
structure requestCompression {
    encodings: RequestCompressionEncodingsList
}

@private
list RequestCompressionEncodingsList {
    member: String
}

// ---- resources --------------------------------------------------------------------------

@trait(selector: ":is(structure, string)")
list references {
    member: Reference
}

@private
structure Reference {
    @required
    @idRef(failWhenMissing: true, selector: "resource")
    resource: String

    ids: NonEmptyStringMap

    @idRef(failWhenMissing: true, selector: "service")
    service: String

    rel: String
}

@trait(selector: "structure > :test(member[trait|required] > string)")
string resourceIdentifier

@trait(selector: "structure > member")
structure property {
    name: String
}

@trait(selector: ":is(operation -[input, output]-> structure > member, [trait|trait])")
structure notProperty {}

@trait(selector: "operation -[input, output]-> structure > member :test(> structure)")
structure nestedProperties {}

// ---- streaming --------------------------------------------------------------------------

@trait(selector: ":is(blob, union)")
structure streaming {}

@trait(selector: "blob[trait|streaming]")
structure requiresLength {}

@trait(selector: "structure > :test(member > :test(blob, string, structure, union))")
structure eventPayload {}

@trait(selector: "structure > :test(member > :test(boolean, byte, short, integer, long, blob, string, timestamp))")
structure eventHeader {}

// ---- serialization ----------------------------------------------------------------------

@trait(selector: ":is(structure, union) > member")
string jsonName

@trait(selector: ":is(blob, string)")
string mediaType

@trait(selector: ":test(timestamp, member > timestamp)")
enum timestampFormat {
    DATE_TIME = "date-time"
    EPOCH_SECONDS = "epoch-seconds"
    HTTP_DATE = "http-date"
}

@trait(selector: "structure > :test(member > :test(boolean, number, string, timestamp))")
structure xmlAttribute {}

@trait(selector: ":is(structure, union) > :test(member > :test(list, map))")
structure xmlFlattened {}

@trait(selector: ":is(structure, union, member)")
@pattern("^[a-zA-Z_][a-zA-Z_0-9-]*(:[a-zA-Z_][a-zA-Z_0-9-]*)?$")
string xmlName

@trait(selector: ":is(service, member, simpleType, list, map, structure, union)")
structure xmlNamespace {
    @required
    uri: NonEmptyString

    @pattern("^[a-zA-Z_][a-zA-Z_0-9-]*$")
    prefix: NonEmptyString
}

// ---- protocols and authentication -------------------------------------------------------

@trait(selector: "structure[trait|trait]", breakingChanges: [{change: "presence"}])
structure protocolDefinition {
    traits: TraitShapeIdList
    noInlineDocumentSupport: Boolean
}

@private
list TraitShapeIdList {
    member: TraitShapeId
}

@private
@idRef(failWhenMissing: true, selector: "[trait|trait]")
string TraitShapeId

@trait(selector: "structure[trait|trait]", breakingChanges: [{change: "presence"}])
structure authDefinition {
    traits: TraitShapeIdList
}

@trait(selector: ":is(service, operation)")
@uniqueItems
list auth {
    member: AuthTraitReference
}

@private
@idRef(selector: "[trait|authDefinition]")
string AuthTraitReference

@trait(selector: "service")
@authDefinition
structure httpBasicAuth {}

@trait(selector: "service")
@authDefinition
structure httpDigestAuth {}

@trait(selector: "service")
@authDefinition
structure httpBearerAuth {}

@trait(selector: "service")
@authDefinition
structure httpApiKeyAuth {
    @required
    name: NonEmptyString

    @required
    in: HttpApiKeyLocations

    scheme: NonEmptyString
}

@private
enum HttpApiKeyLocations {
    HEADER = "header"
    QUERY = "query"
}

@trait(selector: "operation")
structure optionalAuth {}

// ---- HTTP bindings ----------------------------------------------------------------------

@trait(selector: "operation")
structure http {
    @required
    method: NonEmptyString

    @required
    uri: NonEmptyString

    @range(min: 100, max: 999)
    code: Integer = 200
}

@trait(
    selector: "structure > member[trait|required] :test(> :test(string, number, boolean, timestamp))"
    conflicts: ["httpHeader", "httpQuery", "httpPrefixHeaders", "httpPayload", "httpResponseCode", "httpQueryParams"]
)
structure httpLabel {}

@trait(
    selector: "structure > member :test(> :test(string, number, boolean, timestamp), > list > member > :test(string, number, boolean, timestamp))"
    conflicts: ["httpLabel", "httpHeader", "httpPrefixHeaders", "httpPayload", "httpResponseCode", "httpQueryParams"]
)
@length(min: 1)
string httpQuery

@trait(
    selector: "structure > member :test(> map > member[id|member=value] > :test(string, list > member > string))"
    conflicts: ["httpLabel", "httpQuery", "httpHeader", "httpPayload", "httpResponseCode", "httpPrefixHeaders"]
)
structure httpQueryParams {}

@trait(
    selector: "structure > :test(member > :test(boolean, number, string, timestamp, list > member > :test(boolean, number, string, timestamp)))"
    conflicts: ["httpLabel", "httpQuery", "httpPrefixHeaders", "httpPayload", "httpResponseCode", "httpQueryParams"]
)
@length(min: 1)
string httpHeader

@trait(
    selector: "structure > member :test(> map :not([trait|sparse]) > member[id|member=value] > string)"
    structurallyExclusive: "member"
    conflicts: ["httpLabel", "httpQuery", "httpHeader", "httpPayload", "httpResponseCode", "httpQueryParams"]
)
string httpPrefixHeaders

@trait(
    selector: "structure > member"
    structurallyExclusive: "member"
    conflicts: ["httpLabel", "httpQuery", "httpHeader", "httpPrefixHeaders", "httpResponseCode", "httpQueryParams"]
)
structure httpPayload {}

@trait(selector: "structure[trait|error]")
@range(min: 100, max: 999)
integer httpError

@trait(
    selector: "structure :not([trait|input]) > member :test(> integer)"
    structurallyExclusive: "member"
    conflicts: ["httpLabel", "httpQuery", "httpHeader", "httpPrefixHeaders", "httpPayload", "httpQueryParams"]
)
structure httpResponseCode {}

@trait(selector: "service")
structure cors {
    origin: NonEmptyString = "*"
    maxAge: Integer = 600
    additionalAllowedHeaders: NonEmptyStringList
    additionalExposedHeaders: NonEmptyStringList
}

// ---- endpoints --------------------------------------------------------------------------

@trait(selector: "operation")
structure endpoint {
    @required
    hostPrefix: NonEmptyString
}

@trait(selector: "structure > :test(member[trait|required] > string)")
structure hostLabel {}

// ---- metadata ---------------------------------------------------------------------------

@trait(selector: "operation")
structure longPoll {
    timeoutMillis: Integer
}
