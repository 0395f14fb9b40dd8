#include <catch2/catch.hpp>

#include "emulator/core/aws_error.hpp"
#include "sources/apigateway/integration_target.hpp"

using namespace lemu;
using namespace lemu::sources::apigateway;

namespace {
const AccountRegion kHome{"000000000000", "us-east-1"};
const std::string kFn = "arn:aws:lambda:us-east-1:000000000000:function:fn";

std::string bad_request(std::string_view uri, bool proxy) {
    try {
        validate_aws_integration_uri(uri, proxy);
    } catch (const AwsError& e) {
        return std::string(e.name()) + ": " + e.message();
    }
    return "accepted";
}
}  // namespace

TEST_CASE("SourceArn shapes: REST keeps the configured method and resource template", "[unit][apigateway]") {
    CHECK(rest_source_arn(kHome, "abc123defg", "prod", "GET", "/items") ==
          "arn:aws:execute-api:us-east-1:000000000000:abc123defg/prod/GET/items");
    CHECK(rest_source_arn(kHome, "abc123defg", "prod", "ANY", "/{proxy+}") ==
          "arn:aws:execute-api:us-east-1:000000000000:abc123defg/prod/ANY/{proxy+}");
    CHECK(rest_source_arn(kHome, "abc123defg", "test-invoke-stage", "GET", "/") ==
          "arn:aws:execute-api:us-east-1:000000000000:abc123defg/test-invoke-stage/GET/");
    CHECK(http_source_arn(kHome, "abc123defg", "$default", "GET /items/{id}") ==
          "arn:aws:execute-api:us-east-1:000000000000:abc123defg/$default/GET/items/{id}");
    CHECK(http_source_arn(kHome, "abc123defg", "dev", "$default") ==
          "arn:aws:execute-api:us-east-1:000000000000:abc123defg/dev/$default");
}

TEST_CASE("stage variables are substituted into integration URIs", "[unit][apigateway]") {
    std::string uri = lambda_integration_uri("us-east-1", kFn + ":${stageVariables.alias}");
    CHECK(uri == "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/" + kFn +
                     ":${stageVariables.alias}/invocations");
    CHECK(substitute_stage_variables(uri, {{"alias", "live"}}) ==
          lambda_integration_uri("us-east-1", kFn + ":live"));
    // Undefined: empty, which leaves "fn:" for Lambda to reject.
    CHECK(lambda_function_from_uri(substitute_stage_variables(uri, {})) == kFn + ":");
    CHECK(substitute_stage_variables("${stageVariables.a}-${stageVariables.b}", {{"a", "1"}, {"b", "2"}}) ==
          "1-2");
    CHECK(substitute_stage_variables("no ${stageVariables.open", {}) == "no ${stageVariables.open");
}

TEST_CASE("Lambda integration URIs are unwrapped to the function ARN", "[unit][apigateway]") {
    CHECK(lambda_function_from_uri(lambda_integration_uri("us-east-1", kFn + ":6")) == kFn + ":6");
    CHECK_FALSE(lambda_function_from_uri(kFn));
    CHECK_FALSE(lambda_function_from_uri("arn:aws:apigateway:us-east-1:s3:path/bucket/key"));
    CHECK(lambda_function_from_http_uri(kFn + ":live") == kFn + ":live");
    CHECK(lambda_function_from_http_uri(lambda_integration_uri("us-east-1", kFn)) == kFn);
    CHECK_FALSE(lambda_function_from_http_uri("https://example.com"));
}

TEST_CASE("PutIntegration URI validation uses AWS's messages", "[unit][apigateway]") {
    CHECK(bad_request(lambda_integration_uri("us-east-1", kFn), true) == "accepted");
    CHECK(bad_request("non-valid-arn", false) == "BadRequestException: Invalid ARN specified in the request");
    CHECK(bad_request("arn:aws:iam::0000000000:role/service-role/asdf", false) ==
          "BadRequestException: AWS ARN for integration must contain path or action");
    CHECK(bad_request(kFn, true) ==
          "BadRequestException: AWS ARN for integration must contain path or action");
    CHECK(bad_request("arn:aws:apigateway:us-east-1:s3:path/b/k", true) ==
          "BadRequestException: Integrations of type 'AWS_PROXY' currently only supports Lambda function and "
          "Firehose stream invocations.");
    CHECK(bad_request("arn:aws:apigateway:us-east-1:s3:path/b/k", false) == "accepted");
}
