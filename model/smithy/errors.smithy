$version: "2.0"

namespace com.amazonaws.omics

// Error shape names are part of the wire contract: they travel in the x-amzn-ErrorType header
// and SDKs map them to exception classes. They match AWS's names exactly.

/// The caller is not allowed to do this: the request's signature or credentials were refused.
@error("client")
@httpError(403)
structure AccessDeniedException {
    @required
    message: String
}

/// The service failed in an unexpected way. The same request may succeed when tried again.
@error("server")
@httpError(500)
@retryable
structure InternalServerException {
    @required
    message: String
}

/// The request did not arrive in time.
@error("client")
@httpError(408)
structure RequestTimeoutException {
    @required
    message: String
}

/// The request would go beyond one of the account's quotas.
@error("client")
@httpError(402)
structure ServiceQuotaExceededException {
    @required
    message: String
}

/// The account sent requests faster than it is allowed to; slow down and try again.
@error("client")
@httpError(429)
@retryable(throttling: true)
structure ThrottlingException {
    @required
    message: String
}

/// The input broke one or more of the model's constraints.
@error("client")
@httpError(400)
structure ValidationException {
    @required
    message: String

    /// Every constraint the input broke, one entry each. AWS's model has only `message`; the
    /// reference server adds this list, which SDKs ignore when they do not know it.
    fieldList: ValidationExceptionFieldList
}

/// One input field that broke a constraint.
structure ValidationExceptionField {
    /// A JSON pointer to the field, such as /sseConfig/keyArn.
    @required
    path: String

    /// What is wrong with the field.
    @required
    message: String
}

/// The fields that broke constraints.
list ValidationExceptionFieldList {
    member: ValidationExceptionField
}

/// The request conflicts with the resource's current state, for example a change to a store that
/// is being deleted.
@error("client")
@httpError(409)
structure ConflictException {
    @required
    message: String
}

/// The resource does not exist, or belongs to another account.
@error("client")
@httpError(404)
structure ResourceNotFoundException {
    @required
    message: String
}
