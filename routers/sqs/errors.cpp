#include "routers/sqs/errors.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "routers/sqs/query_protocol.hpp"

namespace lemu::routers::sqs {

SqsErrorNames sqs_error_names(const AwsError& error) {
    const std::string name(error.name());
    const std::string legacy = "AWS.SimpleQueueService." + name;
    const int status = error.http_status();
    switch (error.code()) {
        case ErrorCode::QueueDoesNotExist:
            return {"QueueDoesNotExist", "AWS.SimpleQueueService.NonExistentQueue", status};
        case ErrorCode::QueueAlreadyExists:
            return {"QueueNameExists", "QueueAlreadyExists", status};
        case ErrorCode::SqsInvalidParameterValue:
            return {"InvalidParameterValueException", "InvalidParameterValue", status};
        case ErrorCode::SqsMissingParameter:
            return {"MissingRequiredParameterException", "MissingParameter", status};
        case ErrorCode::QueueDeletedRecently:
        case ErrorCode::MessageNotInflight:
        case ErrorCode::TooManyEntriesInBatchRequest:
        case ErrorCode::EmptyBatchRequest:
        case ErrorCode::BatchEntryIdsNotDistinct:
        case ErrorCode::InvalidBatchEntryId:
        case ErrorCode::BatchRequestTooLong:
        case ErrorCode::PurgeQueueInProgress:
        case ErrorCode::UnsupportedOperation:
            return {name, legacy, status};
        case ErrorCode::UnknownOperation:
            return {"UnknownOperationException", "InvalidAction", 400};
        case ErrorCode::SerializationException:
            return {"SerializationException", "SerializationException", status};
        case ErrorCode::RequestEntityTooLarge:
            return {"RequestEntityTooLarge", "RequestEntityTooLarge", 413};
        default:
            break;
    }
    if (error.fault() == Fault::Service) {
        return {"InternalError", "InternalError", status};
    }
    return {name, name, status};
}

http::Response render_json_error(const AwsError& error) {
    SqsErrorNames names = sqs_error_names(error);
    nlohmann::json body{{"__type", "com.amazonaws.sqs#" + names.json_type}, {"message", error.message()}};
    http::Response r;
    r.status = names.status;
    r.headers.set("Content-Type", "application/x-amz-json-1.0");
    r.headers.set("x-amzn-query-error",
                  fmt::format("{};{}", names.query_code, error.fault() == Fault::User ? "Sender" : "Receiver"));
    r.body = body.dump();
    return r;
}

http::Response render_query_error(const AwsError& error, std::string_view request_id) {
    SqsErrorNames names = sqs_error_names(error);
    std::string message = error.message();
    if (error.code() == ErrorCode::QueueDoesNotExist) {
        message = "The specified queue does not exist for this wsdl version.";  // the query API's own wording
    }
    http::Response r;
    r.status = names.status;
    r.headers.set("Content-Type", "text/xml");
    r.body = fmt::format(
        R"(<?xml version="1.0"?><ErrorResponse xmlns="{}"><Error><Type>{}</Type><Code>{}</Code><Message>{}</Message><Detail/></Error><RequestId>{}</RequestId></ErrorResponse>)",
        kQueryNamespace, error.fault() == Fault::User ? "Sender" : "Receiver", xml_escape(names.query_code),
        xml_escape(message), xml_escape(request_id));
    return r;
}

}  // namespace lemu::routers::sqs
