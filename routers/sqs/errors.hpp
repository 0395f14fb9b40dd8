#pragma once
// SQS error shapes. One AwsError renders two ways:
//  - JSON 1.0 (awsJson1_0, awsQueryCompatible): {"__type":"com.amazonaws.sqs#<Type>","message":...} plus
//    `x-amzn-query-error: <QueryCode>;Sender`, from which botocore takes Error.Code (the legacy query code)
//    and picks the modelled exception by the JSON type;
//  - query (XML): <ErrorResponse><Error><Type/><Code/><Message/><Detail/></Error><RequestId/></ErrorResponse>.

#include <string>
#include <string_view>

#include "emulator/core/aws_error.hpp"
#include "routers/http/response.hpp"

namespace lemu::routers::sqs {

struct SqsErrorNames {
    std::string json_type;   // after "com.amazonaws.sqs#"
    std::string query_code;  // legacy query code, e.g. AWS.SimpleQueueService.NonExistentQueue
    int status;
};

SqsErrorNames sqs_error_names(const AwsError& error);

http::Response render_json_error(const AwsError& error);
http::Response render_query_error(const AwsError& error, std::string_view request_id);

}  // namespace lemu::routers::sqs
