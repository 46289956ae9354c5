$version: "2.0"

// AWS names operation inputs and outputs <Operation>Request and <Operation>Response.
// The names travel to generated code, so we keep AWS's.
$operationInputSuffix: "Request"
$operationOutputSuffix: "Response"

namespace com.amazonaws.omics

use aws.api#arn

/// A sequence store: the container that genomic read sets are imported into.
@arn(template: "sequenceStore/{sequenceStoreId}")
resource SequenceStoreResource {
    identifiers: { sequenceStoreId: SequenceStoreId }
    create: CreateSequenceStore
    read: GetSequenceStore
    update: UpdateSequenceStore
    delete: DeleteSequenceStore
    list: ListSequenceStores
    operations: [
        CreateMultipartReadSetUpload
        UploadReadSetPart
        CompleteMultipartReadSetUpload
        AbortMultipartReadSetUpload
        ListMultipartReadSetUploads
        ListReadSetUploadParts
    ]
    resources: [
        ReadSetResource
    ]
}

/// Creates a sequence store, the container that read sets are imported into, and returns its
/// metadata. The store can encrypt with a customer KMS key, log S3 access, keep a fallback
/// location for failed uploads, and copy chosen tags onto the objects it holds.
@http(method: "POST", uri: "/sequencestore")
@endpoint(hostPrefix: "control-storage-")
operation CreateSequenceStore {
    input := {
        /// The store's name.
        @required
        name: SequenceStoreName

        /// Free text that says what the store is for.
        description: SequenceStoreDescription

        /// How the store encrypts data at rest.
        sseConfig: SseConfig

        /// Tags to put on the store itself, at most 50.
        tags: TagMap

        /// A caller-chosen token that makes the call idempotent: repeating a create with the same
        /// token and the same parameters returns the store made the first time.
        @idempotencyToken
        clientToken: ClientToken

        /// An S3 location where files that failed a direct upload are kept.
        fallbackLocation: FallbackLocation

        /// The ETag algorithm family for read sets imported into the store. MD5up when omitted.
        eTagAlgorithmFamily: ETagAlgorithmFamily

        /// Keys of the store's tags that are copied onto the S3 objects of its read sets.
        propagatedSetLevelTags: PropagatedSetLevelTags

        /// Where S3 access logs for the store go.
        s3AccessConfig: S3AccessConfig
    }

    output := {
        /// The store's generated numeric ID.
        @required
        id: SequenceStoreId

        /// The store's ARN.
        @required
        arn: SequenceStoreArn

        /// The store's name.
        name: SequenceStoreName

        /// The store's description.
        description: SequenceStoreDescription

        /// How the store encrypts data at rest, including the KMS key in use.
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

        /// Keys of the store's tags that are copied onto the S3 objects of its read sets.
        propagatedSetLevelTags: PropagatedSetLevelTags

        /// The S3 side of the store: its URI, access point and access log location.
        s3Access: SequenceStoreS3Access
    }

    errors: [
        AccessDeniedException
        InternalServerException
        RequestTimeoutException
        ServiceQuotaExceededException
        ThrottlingException
        ValidationException
    ]
}

/// A sequence store ID: digits only.
@length(min: 10, max: 36)
@pattern("^[0-9]+$")
string SequenceStoreId

/// A sequence store ARN.
@length(min: 1, max: 127)
@pattern("^arn:.+$")
string SequenceStoreArn

/// A store name: letters, marks, separators, symbols, numbers and punctuation.
@length(min: 1, max: 127)
@pattern("^[\\p{L}||\\p{M}||\\p{Z}||\\p{S}||\\p{N}||\\p{P}]+$")
string SequenceStoreName

/// A store description, from the same character classes as a name.
@length(min: 1, max: 255)
@pattern("^[\\p{L}||\\p{M}||\\p{Z}||\\p{S}||\\p{N}||\\p{P}]+$")
string SequenceStoreDescription

/// A human-readable note about a store's status.
@length(min: 1, max: 127)
@pattern("^[\\p{L}||\\p{M}||\\p{Z}||\\p{S}||\\p{N}||\\p{P}]+$")
string SequenceStoreStatusMessage

/// An idempotency token.
@length(min: 1, max: 127)
@pattern("^[\\p{L}||\\p{M}||\\p{Z}||\\p{S}||\\p{N}||\\p{P}]+$")
string ClientToken

/// An S3 prefix (or the empty string) for files that failed a direct upload.
@pattern("^$|^s3://([a-z0-9][a-z0-9-.]{1,61}[a-z0-9])/?((.{1,1024})/)?$")
string FallbackLocation

/// An S3 prefix (or the empty string) for access logs.
@pattern("^$|^s3://([a-z0-9][a-z0-9-.]{1,61}[a-z0-9])/?((.{1,800})/)?$")
string AccessLogLocation

/// An S3 URI of an object or prefix.
@pattern("^s3://([a-z0-9][a-z0-9-.]{1,61}[a-z0-9])/(.{1,1024})$")
string S3Uri

/// The ARN of an S3 access point.
@length(min: 1, max: 1024)
@pattern("^arn:[^:]*:s3:[^:]*:[^:]*:accesspoint/.*$")
string S3AccessPointArn

/// Which family of algorithms computes the ETags of read sets.
enum ETagAlgorithmFamily {
    MD5UP = "MD5up"
    SHA256UP = "SHA256up"
    SHA512UP = "SHA512up"
}

/// How data is encrypted at rest.
enum EncryptionType {
    /// Encryption with an AWS KMS key.
    KMS
}

/// The lifecycle states of a sequence store.
enum SequenceStoreStatus {
    CREATING
    ACTIVE
    UPDATING
    DELETING
    FAILED
}

/// Server-side encryption settings of a store.
structure SseConfig {
    /// The kind of encryption.
    @required
    type: EncryptionType

    /// The ARN of the KMS key that encrypts the store's objects.
    @length(min: 20, max: 2048)
    @pattern("arn:([^:\n]*):([^:\n]*):([^:\n]*):([0-9]{12}):([^:\n]*)")
    keyArn: String
}

/// Settings for S3 access to a store.
structure S3AccessConfig {
    /// Where access logs go.
    accessLogLocation: AccessLogLocation
}

/// What a store exposes through S3.
structure SequenceStoreS3Access {
    /// The S3 URI under which the store keeps its read sets.
    s3Uri: S3Uri

    /// The access point in front of the store's bucket.
    s3AccessPointArn: S3AccessPointArn

    /// Where access logs go.
    accessLogLocation: AccessLogLocation
}

/// Tag keys copied onto the S3 objects of a store's read sets; at most 50.
@length(min: 0, max: 50)
list PropagatedSetLevelTags {
    member: TagKey
}

/// Tags as key-value pairs.
map TagMap {
    key: TagKey
    value: TagValue
}

/// A tag key.
@length(min: 1, max: 128)
string TagKey

/// A tag value.
@length(min: 0, max: 256)
string TagValue
