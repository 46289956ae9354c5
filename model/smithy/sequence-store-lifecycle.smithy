$version: "2.0"

$operationInputSuffix: "Request"
$operationOutputSuffix: "Response"

namespace com.amazonaws.omics

/// Returns the metadata of one sequence store.
@readonly
@http(method: "GET", uri: "/sequencestore/{id}")
@endpoint(hostPrefix: "control-storage-")
operation GetSequenceStore {
    input := {
        /// The ID of the store to read.
        @required
        @httpLabel
        @resourceIdentifier("sequenceStoreId")
        id: SequenceStoreId
    }

    output := {
        /// The store's ID.
        @required
        id: SequenceStoreId

        /// The store's ARN.
        @required
        arn: SequenceStoreArn

        /// The store's name.
        name: SequenceStoreName

        /// The store's description.
        description: SequenceStoreDescription

        /// How the store encrypts data at rest.
        sseConfig: SseConfig

        /// When the store was created.
        @required
        @timestampFormat("date-time")
        creationTime: Timestamp

        /// The S3 location for files that failed a direct upload.
        fallbackLocation: FallbackLocation

        /// The S3 side of the store: its URI, access point and access log location.
        s3Access: SequenceStoreS3Access

        /// The ETag algorithm family of the store.
        eTagAlgorithmFamily: ETagAlgorithmFamily

        /// Where the store is in its lifecycle.
        status: SequenceStoreStatus

        /// More detail about the status, when there is any.
        statusMessage: SequenceStoreStatusMessage

        /// Keys of the store's tags that are copied onto the S3 objects of its read sets.
        propagatedSetLevelTags: PropagatedSetLevelTags

        /// When the store was last changed.
        @timestampFormat("date-time")
        updateTime: Timestamp
    }

    errors: [
        AccessDeniedException
        InternalServerException
        RequestTimeoutException
        ResourceNotFoundException
        ThrottlingException
        ValidationException
    ]
}

/// Lists the caller's sequence stores, a page at a time, optionally filtered.
@readonly
@http(method: "POST", uri: "/sequencestores")
@endpoint(hostPrefix: "control-storage-")
@paginated(inputToken: "nextToken", outputToken: "nextToken", pageSize: "maxResults", items: "sequenceStores")
operation ListSequenceStores {
    input := {
        /// The most stores to return in one page.
        @httpQuery("maxResults")
        @range(min: 1, max: 100)
        maxResults: Integer

        /// The token from the previous page, to get the next one.
        @httpQuery("nextToken")
        nextToken: NextToken

        /// Conditions every returned store must meet.
        filter: SequenceStoreFilter
    }

    output := {
        /// The token for the next page; absent on the last page.
        nextToken: NextToken

        /// The stores on this page.
        @required
        sequenceStores: SequenceStoreDetailList
    }

    errors: [
        AccessDeniedException
        InternalServerException
        RequestTimeoutException
        ThrottlingException
        ValidationException
    ]
}

/// Changes the settings of a sequence store that may change after creation.
@http(method: "PATCH", uri: "/sequencestore/{id}")
@endpoint(hostPrefix: "control-storage-")
operation UpdateSequenceStore {
    input := {
        /// The ID of the store to change.
        @required
        @httpLabel
        @resourceIdentifier("sequenceStoreId")
        id: SequenceStoreId

        /// A new name for the store.
        name: SequenceStoreName

        /// A new description for the store.
        description: SequenceStoreDescription

        /// A caller-chosen token that makes the call idempotent.
        @idempotencyToken
        clientToken: ClientToken

        /// A new S3 location for files that failed a direct upload.
        fallbackLocation: FallbackLocation

        /// New keys of the store's tags to copy onto the S3 objects of its read sets.
        propagatedSetLevelTags: PropagatedSetLevelTags

        /// New settings for S3 access logs.
        s3AccessConfig: S3AccessConfig
    }

    output := {
        /// The store's ID.
        @required
        id: SequenceStoreId

        /// The store's ARN.
        @required
        arn: SequenceStoreArn

        /// The store's name.
        name: SequenceStoreName

        /// The store's description.
        description: SequenceStoreDescription

        /// How the store encrypts data at rest.
        sseConfig: SseConfig

        /// When the store was created.
        @required
        @timestampFormat("date-time")
        creationTime: Timestamp

        /// When the store was last changed.
        @timestampFormat("date-time")
        updateTime: Timestamp

        /// Keys of the store's tags that are copied onto the S3 objects of its read sets.
        propagatedSetLevelTags: PropagatedSetLevelTags

        /// Where the store is in its lifecycle.
        status: SequenceStoreStatus

        /// More detail about the status, when there is any.
        statusMessage: SequenceStoreStatusMessage

        /// The S3 location for files that failed a direct upload.
        fallbackLocation: FallbackLocation

        /// The S3 side of the store: its URI, access point and access log location.
        s3Access: SequenceStoreS3Access

        /// The ETag algorithm family of the store.
        eTagAlgorithmFamily: ETagAlgorithmFamily
    }

    errors: [
        AccessDeniedException
        ConflictException
        InternalServerException
        RequestTimeoutException
        ResourceNotFoundException
        ThrottlingException
        ValidationException
    ]
}

/// Deletes a sequence store. Deleting a store that is already gone is not an error at the HTTP
/// level beyond the 404 it reports: repeating the call changes nothing.
@idempotent
@http(method: "DELETE", uri: "/sequencestore/{id}")
@endpoint(hostPrefix: "control-storage-")
operation DeleteSequenceStore {
    input := {
        /// The ID of the store to delete.
        @required
        @httpLabel
        @resourceIdentifier("sequenceStoreId")
        id: SequenceStoreId
    }

    output := {}

    errors: [
        AccessDeniedException
        ConflictException
        InternalServerException
        RequestTimeoutException
        ResourceNotFoundException
        ThrottlingException
        ValidationException
    ]
}

/// A pagination token.
@length(min: 1, max: 6144)
@pattern("^[\\p{L}||\\p{M}||\\p{Z}||\\p{S}||\\p{N}||\\p{P}]+$")
string NextToken

/// Conditions on the stores a list returns; all given conditions must hold.
structure SequenceStoreFilter {
    /// Only stores with exactly this name.
    name: SequenceStoreName

    /// Only stores created after this time.
    @timestampFormat("date-time")
    createdAfter: Timestamp

    /// Only stores created before this time.
    @timestampFormat("date-time")
    createdBefore: Timestamp

    /// Only stores in this state.
    status: SequenceStoreStatus

    /// Only stores last changed after this time.
    @timestampFormat("date-time")
    updatedAfter: Timestamp

    /// Only stores last changed before this time.
    @timestampFormat("date-time")
    updatedBefore: Timestamp
}

/// A summary of a sequence store, as lists return it.
structure SequenceStoreDetail {
    /// The store's ARN.
    @required
    arn: SequenceStoreArn

    /// The store's ID.
    @required
    id: SequenceStoreId

    /// The store's name.
    name: SequenceStoreName

    /// The store's description.
    description: SequenceStoreDescription

    /// How the store encrypts data at rest.
    sseConfig: SseConfig

    /// When the store was created.
    @required
    @timestampFormat("date-time")
    creationTime: Timestamp

    /// The S3 location for files that failed a direct upload.
    fallbackLocation: FallbackLocation

    /// The ETag algorithm family of the store.
    eTagAlgorithmFamily: ETagAlgorithmFamily

    /// Where the store is in its lifecycle.
    status: SequenceStoreStatus

    /// More detail about the status, when there is any.
    statusMessage: SequenceStoreStatusMessage

    /// When the store was last changed.
    @timestampFormat("date-time")
    updateTime: Timestamp
}

/// Sequence store summaries.
list SequenceStoreDetailList {
    member: SequenceStoreDetail
}
