// The HTTP protocol test traits our model uses, as the Smithy specification defines them ("HTTP
// Protocol Compliance Tests"; upstream in smithy-protocol-test-traits). Written for this repository:
// the product's toolchain does not ship them, and the suite in ../shared is not there at run time.
// Only the request and response tests are defined (the model has no malformed-request or event
// stream tests); packages/protocol-tests runs them (`npm run protocol-tests -- --model model/smithy`).
$version: "2.0"

namespace smithy.test

/// Requests that the operation's input params serialize to (clients) and parse from (servers).
@trait(selector: "operation")
@length(min: 1)
list httpRequestTests {
    member: HttpRequestTestCase
}

/// Responses that output or error params serialize to (servers) and parse from (clients).
@trait(selector: ":test(operation, structure[trait|error])")
@length(min: 1)
list httpResponseTests {
    member: HttpResponseTestCase
}

@private
structure HttpRequestTestCase {
    /// Unique among the model's request tests.
    @required
    @pattern("^[A-Za-z_][A-Za-z0-9_]+$")
    id: String

    /// The protocol the test is for.
    @required
    @idRef(selector: "[trait|protocolDefinition]", failWhenMissing: true)
    protocol: String

    /// The auth scheme assumed, if any.
    @idRef(selector: "[trait|authDefinition]", failWhenMissing: true)
    authScheme: String

    /// The HTTP method of the request.
    @required
    @length(min: 1)
    method: String

    /// The request path, percent-encoded, without the query string.
    @required
    @length(min: 1)
    uri: String

    /// The endpoint host given to the client.
    host: String

    /// The host the request must go to (after host prefixes).
    resolvedHost: String

    /// `name=value` query components that must each appear.
    queryParams: StringList

    /// Query keys that must not appear.
    forbidQueryParams: StringList

    /// Query keys that must appear, with any value.
    requireQueryParams: StringList

    /// Headers that must appear with these values.
    headers: StringMap

    /// Headers that must not appear.
    forbidHeaders: StringList

    /// Headers that must appear, with any value.
    requireHeaders: StringList

    /// The body; empty means none. Compared by bodyMediaType (JSON as values, the rest as bytes).
    body: String

    /// The media type of the body, which says how to compare it.
    bodyMediaType: String

    /// The operation input the request is made from (or parses to).
    params: Document

    /// Parameters of a particular implementation.
    vendorParams: Document

    /// The shape vendorParams conform to.
    @idRef(failWhenMissing: true)
    vendorParamsShape: String

    /// What the test checks.
    documentation: String

    /// Labels for selecting tests.
    tags: NonEmptyStringList

    /// Restricts the test to clients or servers.
    appliesTo: AppliesTo
}

@private
structure HttpResponseTestCase {
    /// Unique among the model's response tests.
    @required
    @pattern("^[A-Za-z_][A-Za-z0-9_]+$")
    id: String

    /// The protocol the test is for.
    @required
    @idRef(selector: "[trait|protocolDefinition]", failWhenMissing: true)
    protocol: String

    /// The auth scheme assumed, if any.
    @idRef(selector: "[trait|authDefinition]", failWhenMissing: true)
    authScheme: String

    /// The HTTP status code.
    @required
    @range(min: 100, max: 599)
    code: Integer

    /// Headers that must appear with these values.
    headers: StringMap

    /// Headers that must not appear.
    forbidHeaders: StringList

    /// Headers that must appear, with any value.
    requireHeaders: StringList

    /// The body; empty means none. Compared by bodyMediaType.
    body: String

    /// The media type of the body, which says how to compare it.
    bodyMediaType: String

    /// The output or error the response is made from (or parses to).
    params: Document

    /// Parameters of a particular implementation.
    vendorParams: Document

    /// The shape vendorParams conform to.
    @idRef(failWhenMissing: true)
    vendorParamsShape: String

    /// What the test checks.
    documentation: String

    /// Labels for selecting tests.
    tags: NonEmptyStringList

    /// Restricts the test to clients or servers.
    appliesTo: AppliesTo
}

@private
map StringMap {
    key: String
    value: String
}

@private
list StringList {
    member: String
}

@private
list NonEmptyStringList {
    member: NonEmptyString
}

@private
@length(min: 1)
string NonEmptyString

@private
enum AppliesTo {
    /// Only clients run the test.
    CLIENT = "client"

    /// Only servers run the test.
    SERVER = "server"
}
