$version: "2.0"

$operationInputSuffix: "Request"
$operationOutputSuffix: "Response"

namespace com.amazonaws.omics

// Read sets: multipart upload of FASTQ, BAM, uBAM and CRAM files into a sequence store, their
// metadata, download by part and deletion. Shapes, constraints, errors and bindings follow AWS's
// model member for member (sliced with `npx smithy idl --shapes`, then given our own docs).

/// A read set: one sample's sequencing data (one source file, or two for paired FASTQ) in a store.
@aws.api#arn(template: "sequenceStore/{sequenceStoreId}/readSet/{readSetId}")
resource ReadSetResource {
    identifiers: { sequenceStoreId: SequenceStoreId, readSetId: ReadSetId }
    read: GetReadSetMetadata
    list: ListReadSets
    operations: [GetReadSet]
    collectionOperations: [BatchDeleteReadSet]
}


/// Stops a multipart read set upload and drops the parts it received.
@endpoint(hostPrefix: "control-storage-")
@http(method: "DELETE", uri: "/sequencestore/{sequenceStoreId}/upload/{uploadId}/abort")
operation AbortMultipartReadSetUpload {
    input: AbortMultipartReadSetUploadRequest
    output: AbortMultipartReadSetUploadResponse
    errors: [AccessDeniedException, InternalServerException, NotSupportedOperationException, RequestTimeoutException, ResourceNotFoundException, ServiceQuotaExceededException, ThrottlingException, ValidationException]
}

@input
structure AbortMultipartReadSetUploadRequest {
    @httpLabel
    @required
    sequenceStoreId: SequenceStoreId
    @httpLabel
    @required
    uploadId: UploadId
}

@output
structure AbortMultipartReadSetUploadResponse {}

/// Deletes up to 100 read sets of a store; each read set that could not be deleted is listed
/// with its own error code and message.
@endpoint(hostPrefix: "control-storage-")
@http(method: "POST", uri: "/sequencestore/{sequenceStoreId}/readset/batch/delete")
@idempotent
operation BatchDeleteReadSet {
    input: BatchDeleteReadSetRequest
    output: BatchDeleteReadSetResponse
    errors: [AccessDeniedException, InternalServerException, RequestTimeoutException, ResourceNotFoundException, ThrottlingException, ValidationException]
}

@input
structure BatchDeleteReadSetRequest {
    @required
    ids: ReadSetIdList
    @httpLabel
    @required
    sequenceStoreId: SequenceStoreId
}

@output
structure BatchDeleteReadSetResponse {
    errors: ReadSetBatchErrorList
}

/// Ends a multipart upload: checks the listed parts against those received and makes the read set.
@endpoint(hostPrefix: "storage-")
@http(method: "POST", uri: "/sequencestore/{sequenceStoreId}/upload/{uploadId}/complete")
operation CompleteMultipartReadSetUpload {
    input: CompleteMultipartReadSetUploadRequest
    output: CompleteMultipartReadSetUploadResponse
    errors: [AccessDeniedException, InternalServerException, NotSupportedOperationException, RequestTimeoutException, ResourceNotFoundException, ServiceQuotaExceededException, ThrottlingException, ValidationException]
}

@input
structure CompleteMultipartReadSetUploadRequest {
    @httpLabel
    @required
    sequenceStoreId: SequenceStoreId
    @httpLabel
    @required
    uploadId: UploadId
    @required
    parts: CompleteReadSetUploadPartList
}

@output
structure CompleteMultipartReadSetUploadResponse {
    @required
    readSetId: ReadSetId
}

list CompleteReadSetUploadPartList {
    member: CompleteReadSetUploadPartListItem
}

structure CompleteReadSetUploadPartListItem {
    @range(min: 1, max: 10000)
    @required
    partNumber: Integer
    @required
    partSource: ReadSetPartSource
    @length(min: 1, max: 100)
    @pattern("^[\\p{L}||\\p{M}||\\p{Z}||\\p{S}||\\p{N}||\\p{P}]+$")
    @required
    checksum: String
}

/// Starts a multipart upload of one read set (one or two source files) into a sequence store.
@endpoint(hostPrefix: "control-storage-")
@http(method: "POST", uri: "/sequencestore/{sequenceStoreId}/upload")
operation CreateMultipartReadSetUpload {
    input: CreateMultipartReadSetUploadRequest
    output: CreateMultipartReadSetUploadResponse
    errors: [AccessDeniedException, InternalServerException, NotSupportedOperationException, RequestTimeoutException, ResourceNotFoundException, ServiceQuotaExceededException, ThrottlingException, ValidationException]
}

@input
structure CreateMultipartReadSetUploadRequest {
    @httpLabel
    @required
    sequenceStoreId: SequenceStoreId
    clientToken: ClientToken
    @required
    sourceFileType: FileType
    @required
    subjectId: SubjectId
    @required
    sampleId: SampleId
    generatedFrom: GeneratedFrom
    referenceArn: ReferenceArn
    @required
    name: ReadSetName
    description: ReadSetDescription
    tags: TagMap
}

@output
structure CreateMultipartReadSetUploadResponse {
    @required
    sequenceStoreId: SequenceStoreId
    @required
    uploadId: UploadId
    @required
    sourceFileType: FileType
    @required
    subjectId: SubjectId
    @required
    sampleId: SampleId
    generatedFrom: GeneratedFrom
    @required
    referenceArn: ReferenceArn
    name: ReadSetName
    description: ReadSetDescription
    tags: TagMap
    @required
    @timestampFormat("date-time")
    creationTime: Timestamp
}

@length(min: 1, max: 127)
@pattern("^[a-zA-Z0-9]+$")
string CreationJobId

enum CreationType {
    IMPORT = "IMPORT"
    UPLOAD = "UPLOAD"
}

structure ETag {
    algorithm: ETagAlgorithm
    source1: String
    source2: String
}

enum ETagAlgorithm {
    FASTQ_MD5UP = "FASTQ_MD5up"
    BAM_MD5UP = "BAM_MD5up"
    CRAM_MD5UP = "CRAM_MD5up"
    FASTQ_SHA256UP = "FASTQ_SHA256up"
    BAM_SHA256UP = "BAM_SHA256up"
    CRAM_SHA256UP = "CRAM_SHA256up"
    FASTQ_SHA512UP = "FASTQ_SHA512up"
    BAM_SHA512UP = "BAM_SHA512up"
    CRAM_SHA512UP = "CRAM_SHA512up"
}

structure FileInformation {
    @range(min: 1, max: 10000)
    totalParts: Integer
    @range(min: 1, max: 5368709120)
    partSize: Long
    @range(min: 1, max: 5497558138880)
    contentLength: Long
    s3Access: ReadSetS3Access
}

enum FileType {
    FASTQ = "FASTQ"
    BAM = "BAM"
    CRAM = "CRAM"
    UBAM = "UBAM"
}

@length(min: 1, max: 127)
@pattern("^[\\p{L}||\\p{M}||\\p{Z}||\\p{S}||\\p{N}||\\p{P}]+$")
string GeneratedFrom

/// Streams one part of one file of a read set: a source file or its index.
@endpoint(hostPrefix: "storage-")
@http(method: "GET", uri: "/sequencestore/{sequenceStoreId}/readset/{id}")
@readonly
operation GetReadSet {
    input: GetReadSetRequest
    output: GetReadSetResponse
    errors: [AccessDeniedException, ConflictException, InternalServerException, RangeNotSatisfiableException, RequestTimeoutException, ResourceNotFoundException, ThrottlingException, ValidationException]
}

/// Returns a read set's metadata: status, files with their part counts, ETag and sequence information.
@endpoint(hostPrefix: "control-storage-")
@http(method: "GET", uri: "/sequencestore/{sequenceStoreId}/readset/{id}/metadata")
@readonly
operation GetReadSetMetadata {
    input: GetReadSetMetadataRequest
    output: GetReadSetMetadataResponse
    errors: [AccessDeniedException, InternalServerException, RequestTimeoutException, ResourceNotFoundException, ThrottlingException, ValidationException]
}

@input
structure GetReadSetMetadataRequest {
    @httpLabel
    @required
    @resourceIdentifier("readSetId")
    id: ReadSetId
    @httpLabel
    @required
    sequenceStoreId: SequenceStoreId
}

@output
structure GetReadSetMetadataResponse {
    @required
    id: ReadSetId
    @required
    arn: ReadSetArn
    @required
    sequenceStoreId: SequenceStoreId
    subjectId: SubjectId
    sampleId: SampleId
    @required
    status: ReadSetStatus
    name: ReadSetName
    description: ReadSetDescription
    @required
    fileType: FileType
    @required
    @timestampFormat("date-time")
    creationTime: Timestamp
    sequenceInformation: SequenceInformation
    referenceArn: ReferenceArn
    files: ReadSetFiles
    statusMessage: ReadSetStatusMessage
    creationType: CreationType
    etag: ETag
    creationJobId: CreationJobId
}

@input
structure GetReadSetRequest {
    @httpLabel
    @required
    @resourceIdentifier("readSetId")
    id: ReadSetId
    @httpLabel
    @required
    sequenceStoreId: SequenceStoreId
    @httpQuery("file")
    file: ReadSetFile
    @httpQuery("partNumber")
    @range(min: 1, max: 10000)
    @required
    partNumber: Integer
}

@output
structure GetReadSetResponse {
    @default("")
    @httpPayload
    payload: ReadSetStreamingBlob
}

/// Lists a store's multipart uploads that are neither completed nor aborted.
@endpoint(hostPrefix: "control-storage-")
@http(method: "POST", uri: "/sequencestore/{sequenceStoreId}/uploads")
@paginated(inputToken: "nextToken", outputToken: "nextToken", pageSize: "maxResults", items: "uploads")
@readonly
operation ListMultipartReadSetUploads {
    input: ListMultipartReadSetUploadsRequest
    output: ListMultipartReadSetUploadsResponse
    errors: [AccessDeniedException, InternalServerException, NotSupportedOperationException, RequestTimeoutException, ResourceNotFoundException, ServiceQuotaExceededException, ThrottlingException, ValidationException]
}

@input
structure ListMultipartReadSetUploadsRequest {
    @httpLabel
    @required
    sequenceStoreId: SequenceStoreId
    @httpQuery("maxResults")
    @range(min: 1, max: 100)
    maxResults: Integer
    @httpQuery("nextToken")
    nextToken: NextToken
}

@output
structure ListMultipartReadSetUploadsResponse {
    nextToken: NextToken
    uploads: MultipartReadSetUploadList
}

/// Lists the parts received for one source file of a multipart upload.
@endpoint(hostPrefix: "control-storage-")
@http(method: "POST", uri: "/sequencestore/{sequenceStoreId}/upload/{uploadId}/parts")
@paginated(inputToken: "nextToken", outputToken: "nextToken", pageSize: "maxResults", items: "parts")
@readonly
operation ListReadSetUploadParts {
    input: ListReadSetUploadPartsRequest
    output: ListReadSetUploadPartsResponse
    errors: [AccessDeniedException, InternalServerException, NotSupportedOperationException, RequestTimeoutException, ResourceNotFoundException, ServiceQuotaExceededException, ThrottlingException, ValidationException]
}

@input
structure ListReadSetUploadPartsRequest {
    @httpLabel
    @required
    sequenceStoreId: SequenceStoreId
    @httpLabel
    @required
    uploadId: UploadId
    @required
    partSource: ReadSetPartSource
    @httpQuery("maxResults")
    @range(min: 1, max: 100)
    maxResults: Integer
    @httpQuery("nextToken")
    nextToken: NextToken
    filter: ReadSetUploadPartListFilter
}

@output
structure ListReadSetUploadPartsResponse {
    nextToken: NextToken
    parts: ReadSetUploadPartList
}

/// Lists a store's read sets, filtered and paginated.
@endpoint(hostPrefix: "control-storage-")
@http(method: "POST", uri: "/sequencestore/{sequenceStoreId}/readsets")
@paginated(inputToken: "nextToken", outputToken: "nextToken", pageSize: "maxResults", items: "readSets")
@readonly
operation ListReadSets {
    input: ListReadSetsRequest
    output: ListReadSetsResponse
    errors: [AccessDeniedException, InternalServerException, RequestTimeoutException, ResourceNotFoundException, ThrottlingException, ValidationException]
}

@input
structure ListReadSetsRequest {
    @httpLabel
    @required
    sequenceStoreId: SequenceStoreId
    @httpQuery("maxResults")
    @range(min: 1, max: 100)
    maxResults: Integer
    @httpQuery("nextToken")
    nextToken: NextToken
    filter: ReadSetFilter
}

@output
structure ListReadSetsResponse {
    nextToken: NextToken
    @required
    readSets: ReadSetList
}

list MultipartReadSetUploadList {
    member: MultipartReadSetUploadListItem
}

structure MultipartReadSetUploadListItem {
    @required
    sequenceStoreId: SequenceStoreId
    @required
    uploadId: UploadId
    @required
    sourceFileType: FileType
    @required
    subjectId: SubjectId
    @required
    sampleId: SampleId
    @required
    generatedFrom: GeneratedFrom
    @required
    referenceArn: ReferenceArn
    name: ReadSetName
    description: ReadSetDescription
    tags: TagMap
    @required
    @timestampFormat("date-time")
    creationTime: Timestamp
}

/// The operation is not supported by this store or in this state.
@error("client")
@httpError(405)
structure NotSupportedOperationException {
    @required
    message: String
}

/// The requested part lies beyond the end of the file.
@error("client")
@httpError(416)
@retryable
structure RangeNotSatisfiableException {
    @required
    message: String
}

@length(min: 1, max: 127)
@pattern("^arn:.+$")
string ReadSetArn

structure ReadSetBatchError {
    @required
    id: ReadSetId
    @required
    code: String
    @required
    message: String
}

list ReadSetBatchErrorList {
    member: ReadSetBatchError
}

@length(min: 1, max: 255)
@pattern("^[\\p{L}||\\p{M}||\\p{Z}||\\p{S}||\\p{N}||\\p{P}]+$")
string ReadSetDescription

enum ReadSetFile {
    SOURCE1 = "SOURCE1"
    SOURCE2 = "SOURCE2"
    INDEX = "INDEX"
}

structure ReadSetFiles {
    source1: FileInformation
    source2: FileInformation
    index: FileInformation
}

structure ReadSetFilter {
    name: ReadSetName
    status: ReadSetStatus
    referenceArn: ReferenceArnFilter
    @timestampFormat("date-time")
    createdAfter: Timestamp
    @timestampFormat("date-time")
    createdBefore: Timestamp
    sampleId: SampleId
    subjectId: SubjectId
    generatedFrom: GeneratedFrom
    creationType: CreationType
}

@length(min: 10, max: 36)
@pattern("^[0-9]+$")
string ReadSetId

@length(min: 1, max: 100)
list ReadSetIdList {
    member: ReadSetId
}

list ReadSetList {
    member: ReadSetListItem
}

structure ReadSetListItem {
    @required
    id: ReadSetId
    @required
    arn: ReadSetArn
    @required
    sequenceStoreId: SequenceStoreId
    subjectId: SubjectId
    sampleId: SampleId
    @required
    status: ReadSetStatus
    name: ReadSetName
    description: ReadSetDescription
    referenceArn: ReferenceArn
    @required
    fileType: FileType
    sequenceInformation: SequenceInformation
    @required
    @timestampFormat("date-time")
    creationTime: Timestamp
    statusMessage: ReadSetStatusMessage
    creationType: CreationType
    etag: ETag
}

@length(min: 1, max: 127)
@pattern("^[\\p{L}||\\p{M}||\\p{Z}||\\p{S}||\\p{N}||\\p{P}]+$")
string ReadSetName

enum ReadSetPartSource {
    SOURCE1 = "SOURCE1"
    SOURCE2 = "SOURCE2"
}

@requiresLength
@streaming
blob ReadSetPartStreamingBlob

structure ReadSetS3Access {
    s3Uri: S3Uri
}

enum ReadSetStatus {
    ARCHIVED = "ARCHIVED"
    ACTIVATING = "ACTIVATING"
    ACTIVE = "ACTIVE"
    DELETING = "DELETING"
    DELETED = "DELETED"
    PROCESSING_UPLOAD = "PROCESSING_UPLOAD"
    UPLOAD_FAILED = "UPLOAD_FAILED"
}

@length(min: 1, max: 255)
@pattern("^[\\p{L}||\\p{M}||\\p{Z}||\\p{S}||\\p{N}||\\p{P}]+$")
string ReadSetStatusMessage

@streaming
blob ReadSetStreamingBlob

list ReadSetUploadPartList {
    member: ReadSetUploadPartListItem
}

structure ReadSetUploadPartListFilter {
    @timestampFormat("date-time")
    createdAfter: Timestamp
    @timestampFormat("date-time")
    createdBefore: Timestamp
}

structure ReadSetUploadPartListItem {
    @range(min: 1, max: 10000)
    @required
    partNumber: Integer
    @range(min: 1, max: 5368709120)
    @required
    partSize: Long
    @required
    partSource: ReadSetPartSource
    @required
    checksum: String
    @timestampFormat("date-time")
    creationTime: Timestamp
    @timestampFormat("date-time")
    lastUpdatedTime: Timestamp
}

@length(min: 1, max: 127)
@pattern("^arn:.+$")
string ReferenceArn

@length(min: 0, max: 127)
@pattern("^$|^arn:.+$")
string ReferenceArnFilter

@pattern("^s3://([a-z0-9][a-z0-9-.]{1,61}[a-z0-9])/(.{1,1024})$")
string S3Uri

@length(min: 1, max: 127)
@pattern("^[\\p{L}||\\p{M}||\\p{Z}||\\p{S}||\\p{N}||\\p{P}]+$")
string SampleId

structure SequenceInformation {
    totalReadCount: Long
    totalBaseCount: Long
    generatedFrom: GeneratedFrom
    alignment: String
}

@length(min: 1, max: 127)
@pattern("^[\\p{L}||\\p{M}||\\p{Z}||\\p{S}||\\p{N}||\\p{P}]+$")
string SubjectId

@length(min: 10, max: 36)
@pattern("^[0-9]+$")
string UploadId

/// Uploads one part (at most 100 MiB) of a source file of a multipart upload.
@aws.auth#unsignedPayload
@endpoint(hostPrefix: "storage-")
@http(method: "PUT", uri: "/sequencestore/{sequenceStoreId}/upload/{uploadId}/part")
operation UploadReadSetPart {
    input: UploadReadSetPartRequest
    output: UploadReadSetPartResponse
    errors: [AccessDeniedException, InternalServerException, NotSupportedOperationException, RequestTimeoutException, ResourceNotFoundException, ServiceQuotaExceededException, ThrottlingException, ValidationException]
}

@input
structure UploadReadSetPartRequest {
    @httpLabel
    @required
    sequenceStoreId: SequenceStoreId
    @httpLabel
    @required
    uploadId: UploadId
    @httpQuery("partSource")
    @required
    partSource: ReadSetPartSource
    @httpQuery("partNumber")
    @range(min: 1, max: 10000)
    @required
    partNumber: Integer
    @httpPayload
    @required
    payload: ReadSetPartStreamingBlob
}

@output
structure UploadReadSetPartResponse {
    @required
    checksum: String
}
