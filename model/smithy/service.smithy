$version: "2.0"

namespace com.amazonaws.omics

use aws.api#service
use aws.auth#sigv4
use aws.protocols#restJson1

/// The sequence store part of AWS HealthOmics: durable stores that hold genomic read sets
/// (FASTQ, BAM, uBAM, CRAM). This model is the single source of truth for seqstore; the OpenAPI
/// document, the types, the client and the server stub are all generated from it.
@service(sdkId: "Omics", arnNamespace: "omics", cloudTrailEventSource: "omics.amazonaws.com")
@sigv4(name: "omics")
@restJson1
@title("Amazon Omics")
service Omics {
    version: "2022-11-28"
    resources: [
        SequenceStoreResource
    ]
}
