#pragma once
// The one exception type of lemu: an AWS-shaped error with a code from one table.
// Routers render it in their protocol's shape (DESIGN.md §11); the domain only throws it.

#include <map>
#include <stdexcept>
#include <string>
#include <string_view>

namespace lemu {

// Client errors first, then service errors. The table in aws_error.cpp gives each its wire name
// and HTTP status; adding a code means adding one row there.
enum class ErrorCode {
    // Lambda
    ResourceNotFound,
    ResourceConflict,
    InvalidParameterValue,
    Validation,
    PreconditionFailed,
    RequestTooLarge,
    RequestEntityTooLarge,
    TooManyRequests,
    AccessDenied,
    InvalidRequestContent,
    UnsupportedMediaType,
    ProvisionedConcurrencyConfigNotFound,
    UnknownOperation,
    SerializationException,
    // SQS
    QueueDoesNotExist,
    QueueAlreadyExists,
    QueueDeletedRecently,
    SqsInvalidParameterValue,
    SqsMissingParameter,
    InvalidAttributeName,
    InvalidAttributeValue,
    ReceiptHandleIsInvalid,
    MessageNotInflight,
    TooManyEntriesInBatchRequest,
    EmptyBatchRequest,
    BatchEntryIdsNotDistinct,
    InvalidBatchEntryId,
    BatchRequestTooLong,
    PurgeQueueInProgress,
    InvalidMessageContents,
    UnsupportedOperation,
    InvalidAddress,
    // S3
    NoSuchBucket,
    NoSuchKey,
    NoSuchVersion,
    BucketAlreadyOwnedByYou,
    BucketAlreadyExists,
    BucketNotEmpty,
    InvalidBucketName,
    InvalidArgument,
    InvalidRange,
    MalformedXML,
    EntityTooLarge,
    MethodNotAllowed,
    InvalidLocationConstraint,
    IllegalLocationConstraint,
    S3NotImplemented,
    InvalidRequest,
    InvalidDigest,
    BadDigest,
    XAmzContentSHA256Mismatch,
    KeyTooLongError,
    NoSuchUpload,
    InvalidPart,
    InvalidPartOrder,
    EntityTooSmall,
    IncompleteBody,
    MissingContentLength,
    S3PreconditionFailed,
    // API Gateway
    NotFound,
    BadRequest,
    Conflict,
    // Durable executions
    InvalidCheckpointToken,
    CallbackTimeout,
    DurableExecutionAlreadyStarted,
    // Service side
    Service,
    InternalError,
};

enum class Fault { User, Service };

struct ErrorInfo {
    std::string_view name;  // wire name, e.g. "ResourceNotFoundException"
    int http_status;
    Fault fault;
};

const ErrorInfo& info(ErrorCode code);

class AwsError : public std::runtime_error {
public:
    AwsError(ErrorCode code, std::string message)
        : std::runtime_error(message), code_(code), message_(std::move(message)) {}

    ErrorCode code() const { return code_; }
    const std::string& message() const { return message_; }
    std::string_view name() const { return info(code_).name; }
    int http_status() const { return info(code_).http_status; }
    Fault fault() const { return info(code_).fault; }

    // Extra top-level body members some errors carry, e.g. TooManyRequestsException's "Reason".
    const std::map<std::string, std::string>& extra() const { return extra_; }
    AwsError& with(std::string key, std::string value) {
        extra_.insert_or_assign(std::move(key), std::move(value));
        return *this;
    }

    // AWS omits "Type" from a few bodies (control-plane.md fact 49); routers honour this flag.
    bool omit_type() const { return omit_type_; }
    AwsError& without_type() {
        omit_type_ = true;
        return *this;
    }

private:
    ErrorCode code_;
    std::string message_;
    std::map<std::string, std::string> extra_;
    bool omit_type_ = false;
};

// "1 validation error detected: Value 'v' at 'field' failed to satisfy constraint: rule"
AwsError validation_error(std::string_view value, std::string_view field, std::string_view constraint);

}  // namespace lemu
