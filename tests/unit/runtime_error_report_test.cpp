#include <catch2/catch.hpp>

#include "runtime-api/error_report.hpp"

using lemu::runtime_api::decode_error_report;
using lemu::runtime_api::normalize_error_type;

TEST_CASE("Lambda-Runtime-Function-Error-Type is normalised as RIE does", "[unit][runtime]") {
    CHECK(normalize_error_type("Runtime.ImportModuleError") == "Runtime.ImportModuleError");
    CHECK(normalize_error_type("Function.MyError") == "Function.MyError");
    CHECK(normalize_error_type("Function.my_error") == "Function.Unknown");
    CHECK(normalize_error_type("FunctionSomething") == "Function.Unknown");
    CHECK(normalize_error_type("Runtime.lowercase") == "Runtime.Unknown");
    CHECK(normalize_error_type("ValueError") == "Runtime.Unknown");
    CHECK(normalize_error_type("") == "Runtime.Unknown");
}

TEST_CASE("error bodies reach the caller as posted, errorCause stripped, empty ones built",
          "[unit][runtime]") {
    auto request = lemu::http::Request::make("POST", "/2018-06-01/runtime/invocation/x/error");
    request.body = R"({"errorMessage":"boom","errorType":"ValueError","stackTrace":[]})";
    auto report = decode_error_report(request);
    CHECK(report.body == R"({"errorMessage":"boom","errorType":"ValueError","stackTrace":[]})");
    CHECK(report.error_type == "Runtime.Unknown");

    auto cause = lemu::http::Request::make("POST", "/2018-06-01/runtime/invocation/x/error");
    cause.headers.set("Content-Type", "application/vnd.aws.lambda.error.cause+json");
    cause.body = R"({"errorMessage":"m","errorType":"T","stackTrace":[],"errorCause":{"paths":[]}})";
    CHECK(decode_error_report(cause).body == R"({"errorMessage":"m","errorType":"T","stackTrace":[]})");

    auto empty = lemu::http::Request::make("POST", "/2018-06-01/runtime/init/error");
    empty.headers.set("Lambda-Runtime-Function-Error-Type", "Runtime.ImportModuleError");
    auto built = decode_error_report(empty);
    CHECK(built.body == R"({"errorType":"Runtime.ImportModuleError","errorMessage":""})");
    CHECK(built.content_type == "application/json");
}
