$version: "2.0"

// Protocol tests of the sequence store operations (smithy.test, see traits/smithy.test.smithy): what
// the generated client must send and read, and the generated server stub parse and send, for the
// same params. `npm run protocol-tests -- --model model/smithy` runs them; so does `npm test`.
namespace com.amazonaws.omics

use aws.protocols#restJson1
use smithy.test#httpRequestTests
use smithy.test#httpResponseTests

apply CreateSequenceStore @httpRequestTests([
    {
        id: "CreateSequenceStoreMinimalInput"
        documentation: "Only the required name (and the token a client fills in) travels."
        protocol: restJson1
        method: "POST"
        uri: "/sequencestore"
        host: "omics.us-east-1.amazonaws.com"
        resolvedHost: "control-storage-omics.us-east-1.amazonaws.com"
        headers: { "Content-Type": "application/json" }
        forbidHeaders: ["X-Amz-Target"]
        requireHeaders: ["Content-Length"]
        body: """
            {"name": "my-store", "clientToken": "00000000-0000-4000-8000-000000000000"}"""
        bodyMediaType: "application/json"
        params: { name: "my-store", clientToken: "00000000-0000-4000-8000-000000000000" }
    }
    {
        id: "CreateSequenceStoreFillsClientToken"
        documentation: "A client fills in the idempotency token the caller left out."
        protocol: restJson1
        method: "POST"
        uri: "/sequencestore"
        body: """
            {"name": "my-store", "clientToken": "00000000-0000-4000-8000-000000000000"}"""
        bodyMediaType: "application/json"
        params: { name: "my-store" }
        appliesTo: "client"
    }
    {
        id: "CreateSequenceStoreEveryMember"
        documentation: "Every input member travels in the JSON body under its own name."
        protocol: restJson1
        method: "POST"
        uri: "/sequencestore"
        headers: { "Content-Type": "application/json" }
        body: """
            {
                "name": "my-store",
                "description": "Reads of the 2024 cohort",
                "sseConfig": { "type": "KMS", "keyArn": "arn:aws:kms:us-east-1:123456789012:key/abcd-1234" },
                "tags": { "team": "genomics", "cost center": "42" },
                "clientToken": "token-1",
                "fallbackLocation": "s3://my-bucket/failed/",
                "eTagAlgorithmFamily": "SHA256up",
                "propagatedSetLevelTags": ["team"],
                "s3AccessConfig": { "accessLogLocation": "s3://my-logs/omics/" }
            }"""
        bodyMediaType: "application/json"
        params: {
            name: "my-store"
            description: "Reads of the 2024 cohort"
            sseConfig: { type: "KMS", keyArn: "arn:aws:kms:us-east-1:123456789012:key/abcd-1234" }
            tags: { team: "genomics", "cost center": "42" }
            clientToken: "token-1"
            fallbackLocation: "s3://my-bucket/failed/"
            eTagAlgorithmFamily: "SHA256up"
            propagatedSetLevelTags: ["team"]
            s3AccessConfig: { accessLogLocation: "s3://my-logs/omics/" }
        }
    }
])

apply CreateSequenceStore @httpResponseTests([
    {
        id: "CreateSequenceStoreResponseMinimal"
        documentation: "Only the required output members."
        protocol: restJson1
        code: 200
        headers: { "Content-Type": "application/json" }
        body: """
            {"id": "1234567890", "arn": "arn:aws:omics:us-east-1:123456789012:sequenceStore/1234567890", "creationTime": "2024-05-01T12:30:45Z"}"""
        bodyMediaType: "application/json"
        params: {
            id: "1234567890"
            arn: "arn:aws:omics:us-east-1:123456789012:sequenceStore/1234567890"
            creationTime: 1714566645
        }
    }
    {
        id: "CreateSequenceStoreResponseEveryMember"
        documentation: "Every output member, the date-time creationTime with its fraction."
        protocol: restJson1
        code: 200
        headers: { "Content-Type": "application/json" }
        body: """
            {
                "id": "1234567890",
                "arn": "arn:aws:omics:us-east-1:123456789012:sequenceStore/1234567890",
                "name": "my-store",
                "description": "Reads of the 2024 cohort",
                "sseConfig": { "type": "KMS", "keyArn": "arn:aws:kms:us-east-1:123456789012:key/abcd-1234" },
                "creationTime": "2024-05-01T12:30:45.123Z",
                "fallbackLocation": "s3://my-bucket/failed/",
                "eTagAlgorithmFamily": "SHA256up",
                "status": "CREATING",
                "statusMessage": "Creating the store",
                "propagatedSetLevelTags": ["team"],
                "s3Access": {
                    "s3Uri": "s3://omics-1234567890/sequencestore/1234567890",
                    "s3AccessPointArn": "arn:aws:s3:us-east-1:123456789012:accesspoint/omics-1234567890",
                    "accessLogLocation": "s3://my-logs/omics/"
                }
            }"""
        bodyMediaType: "application/json"
        params: {
            id: "1234567890"
            arn: "arn:aws:omics:us-east-1:123456789012:sequenceStore/1234567890"
            name: "my-store"
            description: "Reads of the 2024 cohort"
            sseConfig: { type: "KMS", keyArn: "arn:aws:kms:us-east-1:123456789012:key/abcd-1234" }
            creationTime: 1714566645.123
            fallbackLocation: "s3://my-bucket/failed/"
            eTagAlgorithmFamily: "SHA256up"
            status: "CREATING"
            statusMessage: "Creating the store"
            propagatedSetLevelTags: ["team"]
            s3Access: {
                s3Uri: "s3://omics-1234567890/sequencestore/1234567890"
                s3AccessPointArn: "arn:aws:s3:us-east-1:123456789012:accesspoint/omics-1234567890"
                accessLogLocation: "s3://my-logs/omics/"
            }
        }
    }
])

apply ValidationException @httpResponseTests([
    {
        id: "ValidationExceptionWithFieldList"
        documentation: "A modeled error: 400, named in X-Amzn-Errortype, members in the body."
        protocol: restJson1
        code: 400
        headers: { "Content-Type": "application/json", "X-Amzn-Errortype": "ValidationException" }
        body: """
            {"message": "1 validation error detected", "fieldList": [{"path": "/name", "message": "must not be empty"}]}"""
        bodyMediaType: "application/json"
        params: {
            message: "1 validation error detected"
            fieldList: [{ path: "/name", message: "must not be empty" }]
        }
    }
])

apply ServiceQuotaExceededException @httpResponseTests([
    {
        id: "ServiceQuotaExceededExceptionMessage"
        documentation: "A modeled error with only its message: 402."
        protocol: restJson1
        code: 402
        headers: { "Content-Type": "application/json", "X-Amzn-Errortype": "ServiceQuotaExceededException" }
        body: """
            {"message": "The account has 500 sequence stores already"}"""
        bodyMediaType: "application/json"
        params: { message: "The account has 500 sequence stores already" }
    }
])

apply GetSequenceStore @httpRequestTests([
    {
        id: "GetSequenceStoreLabel"
        documentation: "The ID travels as the path label, and there is no body."
        protocol: restJson1
        method: "GET"
        uri: "/sequencestore/1234567890"
        forbidHeaders: ["Content-Type"]
        body: ""
        params: { id: "1234567890" }
    }
])

apply ListSequenceStores @httpRequestTests([
    {
        id: "ListSequenceStoresQueryAndFilter"
        documentation: "Paging members in the query string, the filter in the body."
        protocol: restJson1
        method: "POST"
        uri: "/sequencestores"
        queryParams: ["maxResults=10", "nextToken=a%2Fb%2Bc%3D"]
        headers: { "Content-Type": "application/json" }
        body: """
            {"filter": {"name": "my", "status": "ACTIVE", "createdAfter": "2024-05-01T00:00:00Z"}}"""
        bodyMediaType: "application/json"
        params: {
            maxResults: 10
            nextToken: "a/b+c="
            filter: { name: "my", status: "ACTIVE", createdAfter: 1714521600 }
        }
    }
])

apply DeleteSequenceStore @httpRequestTests([
    {
        id: "DeleteSequenceStoreLabel"
        documentation: "The ID travels as the path label."
        protocol: restJson1
        method: "DELETE"
        uri: "/sequencestore/1234567890"
        body: ""
        params: { id: "1234567890" }
    }
])
