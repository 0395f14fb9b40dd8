#include "emulator/core/aws_error.hpp"

#include <array>
#include <fmt/format.h>
#include <utility>

namespace lemu {
namespace {

struct Row {
    ErrorCode code;
    ErrorInfo info;
};

constexpr std::array kTable{
    Row{ErrorCode::ResourceNotFound, {"ResourceNotFoundException", 404, Fault::User}},
    Row{ErrorCode::ResourceConflict, {"ResourceConflictException", 409, Fault::User}},
    Row{ErrorCode::InvalidParameterValue, {"InvalidParameterValueException", 400, Fault::User}},
    Row{ErrorCode::Validation, {"ValidationException", 400, Fault::User}},
    Row{ErrorCode::PreconditionFailed, {"PreconditionFailedException", 412, Fault::User}},
    Row{ErrorCode::RequestTooLarge, {"RequestTooLargeException", 413, Fault::User}},
    Row{ErrorCode::RequestEntityTooLarge, {"RequestEntityTooLargeException", 413, Fault::User}},
    Row{ErrorCode::TooManyRequests, {"TooManyRequestsException", 429, Fault::User}},
    Row{ErrorCode::AccessDenied, {"AccessDeniedException", 403, Fault::User}},
    Row{ErrorCode::InvalidRequestContent, {"InvalidRequestContentException", 400, Fault::User}},
    Row{ErrorCode::UnsupportedMediaType, {"UnsupportedMediaTypeException", 415, Fault::User}},
    Row{ErrorCode::ProvisionedConcurrencyConfigNotFound,
        {"ProvisionedConcurrencyConfigNotFoundException", 404, Fault::User}},
    Row{ErrorCode::UnknownOperation, {"UnknownOperationException", 404, Fault::User}},
    Row{ErrorCode::SerializationException, {"SerializationException", 400, Fault::User}},
    Row{ErrorCode::QueueDoesNotExist, {"QueueDoesNotExist", 400, Fault::User}},
    Row{ErrorCode::QueueAlreadyExists, {"QueueAlreadyExists", 400, Fault::User}},
    Row{ErrorCode::QueueDeletedRecently, {"QueueDeletedRecently", 400, Fault::User}},
    Row{ErrorCode::SqsInvalidParameterValue, {"InvalidParameterValue", 400, Fault::User}},
    Row{ErrorCode::SqsMissingParameter, {"MissingParameter", 400, Fault::User}},
    Row{ErrorCode::InvalidAttributeName, {"InvalidAttributeName", 400, Fault::User}},
    Row{ErrorCode::InvalidAttributeValue, {"InvalidAttributeValue", 400, Fault::User}},
    Row{ErrorCode::ReceiptHandleIsInvalid, {"ReceiptHandleIsInvalid", 400, Fault::User}},
    Row{ErrorCode::MessageNotInflight, {"MessageNotInflight", 400, Fault::User}},
    Row{ErrorCode::TooManyEntriesInBatchRequest, {"TooManyEntriesInBatchRequest", 400, Fault::User}},
    Row{ErrorCode::EmptyBatchRequest, {"EmptyBatchRequest", 400, Fault::User}},
    Row{ErrorCode::BatchEntryIdsNotDistinct, {"BatchEntryIdsNotDistinct", 400, Fault::User}},
    Row{ErrorCode::InvalidBatchEntryId, {"InvalidBatchEntryId", 400, Fault::User}},
    Row{ErrorCode::BatchRequestTooLong, {"BatchRequestTooLong", 400, Fault::User}},
    Row{ErrorCode::PurgeQueueInProgress, {"PurgeQueueInProgress", 403, Fault::User}},
    Row{ErrorCode::InvalidMessageContents, {"InvalidMessageContents", 400, Fault::User}},
    Row{ErrorCode::UnsupportedOperation, {"UnsupportedOperation", 400, Fault::User}},
    Row{ErrorCode::InvalidAddress, {"InvalidAddress", 404, Fault::User}},
    Row{ErrorCode::NoSuchBucket, {"NoSuchBucket", 404, Fault::User}},
    Row{ErrorCode::NoSuchKey, {"NoSuchKey", 404, Fault::User}},
    Row{ErrorCode::NoSuchVersion, {"NoSuchVersion", 404, Fault::User}},
    Row{ErrorCode::BucketAlreadyOwnedByYou, {"BucketAlreadyOwnedByYou", 409, Fault::User}},
    Row{ErrorCode::BucketAlreadyExists, {"BucketAlreadyExists", 409, Fault::User}},
    Row{ErrorCode::BucketNotEmpty, {"BucketNotEmpty", 409, Fault::User}},
    Row{ErrorCode::InvalidBucketName, {"InvalidBucketName", 400, Fault::User}},
    Row{ErrorCode::InvalidArgument, {"InvalidArgument", 400, Fault::User}},
    Row{ErrorCode::InvalidRange, {"InvalidRange", 416, Fault::User}},
    Row{ErrorCode::MalformedXML, {"MalformedXML", 400, Fault::User}},
    Row{ErrorCode::EntityTooLarge, {"EntityTooLarge", 400, Fault::User}},
    Row{ErrorCode::MethodNotAllowed, {"MethodNotAllowed", 405, Fault::User}},
    Row{ErrorCode::InvalidLocationConstraint, {"InvalidLocationConstraint", 400, Fault::User}},
    Row{ErrorCode::IllegalLocationConstraint, {"IllegalLocationConstraintException", 400, Fault::User}},
    Row{ErrorCode::S3NotImplemented, {"NotImplemented", 501, Fault::Service}},
    Row{ErrorCode::InvalidRequest, {"InvalidRequest", 400, Fault::User}},
    Row{ErrorCode::InvalidDigest, {"InvalidDigest", 400, Fault::User}},
    Row{ErrorCode::BadDigest, {"BadDigest", 400, Fault::User}},
    Row{ErrorCode::XAmzContentSHA256Mismatch, {"XAmzContentSHA256Mismatch", 400, Fault::User}},
    Row{ErrorCode::KeyTooLongError, {"KeyTooLongError", 400, Fault::User}},
    Row{ErrorCode::NoSuchUpload, {"NoSuchUpload", 404, Fault::User}},
    Row{ErrorCode::InvalidPart, {"InvalidPart", 400, Fault::User}},
    Row{ErrorCode::InvalidPartOrder, {"InvalidPartOrder", 400, Fault::User}},
    Row{ErrorCode::EntityTooSmall, {"EntityTooSmall", 400, Fault::User}},
    Row{ErrorCode::IncompleteBody, {"IncompleteBody", 400, Fault::User}},
    Row{ErrorCode::MissingContentLength, {"MissingContentLength", 411, Fault::User}},
    Row{ErrorCode::S3PreconditionFailed, {"PreconditionFailed", 412, Fault::User}},
    Row{ErrorCode::NotFound, {"NotFoundException", 404, Fault::User}},
    Row{ErrorCode::BadRequest, {"BadRequestException", 400, Fault::User}},
    Row{ErrorCode::Conflict, {"ConflictException", 409, Fault::User}},
    Row{ErrorCode::InvalidCheckpointToken, {"InvalidParameterValueException", 400, Fault::User}},
    Row{ErrorCode::CallbackTimeout, {"CallbackTimeoutException", 400, Fault::User}},
    Row{ErrorCode::DurableExecutionAlreadyStarted, {"DurableExecutionAlreadyStartedException", 409, Fault::User}},
    Row{ErrorCode::Service, {"ServiceException", 500, Fault::Service}},
    Row{ErrorCode::InternalError, {"InternalError", 500, Fault::Service}},
};

constexpr bool table_is_complete() {
    for (std::size_t i = 0; i < kTable.size(); ++i) {
        if (static_cast<int>(kTable[i].code) != static_cast<int>(i)) {
            return false;
        }
    }
    return kTable.size() == static_cast<std::size_t>(ErrorCode::InternalError) + 1;
}
static_assert(table_is_complete(), "kTable rows must follow the ErrorCode order, one row per code");

}  // namespace

const ErrorInfo& info(ErrorCode code) { return kTable[static_cast<std::size_t>(code)].info; }

AwsError validation_error(std::string_view value, std::string_view field, std::string_view constraint) {
    return AwsError(ErrorCode::Validation,
                    fmt::format("1 validation error detected: Value '{}' at '{}' failed to satisfy constraint: {}",
                                value, field, constraint));
}

}  // namespace lemu
