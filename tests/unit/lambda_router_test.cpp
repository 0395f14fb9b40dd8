#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "control_test_util.hpp"
#include "emulator/control/code_store.hpp"
#include "emulator/control/layer_registry.hpp"
#include "routers/lambda/lambda_api_router.hpp"

using namespace lemu;
using namespace lemu::testing;
using nlohmann::json;

namespace {

struct RouterFixture : RegistryFixture {
    std::filesystem::path dir = std::filesystem::temp_directory_path() /
                                ("lemu-router-" + random_hex(*std::make_unique<SystemRandom>(), 12));
    control::CodeStore code{dir};
    control::LayerRegistry layers{kHome, clock};
    routers::lambda::LambdaApiRouter router{routers::lambda::LambdaContext{registry, layers, code, clock}};
    ~RouterFixture() { std::filesystem::remove_all(dir); }
};

}  // namespace

TEST_CASE("the Lambda router claims dated Lambda paths and SigV4 lambda requests", "[unit][lambda_router]") {
    RouterFixture f;
    for (const char* target :
         {"/2015-03-31/functions", "/2017-03-31/tags/x", "/2025-12-01/durable-executions",
          "/2016-08-19/account-settings", "/_lemu/code/abc"}) {
        CHECK(f.router.matches(http::Request::make("GET", target)));
    }
    CHECK_FALSE(f.router.matches(http::Request::make("GET", "/")));
    CHECK_FALSE(f.router.matches(http::Request::make("GET", "/_lemu/health")));
    CHECK_FALSE(f.router.matches(http::Request::make("GET", "/2018-06-01/runtime/invocation/next")));
    http::Request signed_request = http::Request::make("POST", "/");
    signed_request.headers.set("Authorization",
                               "AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/lambda/aws4_request, "
                               "SignedHeaders=host, Signature=x");
    CHECK(f.router.matches(signed_request));
    signed_request.headers.set("Authorization",
                               "AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/sqs/aws4_request");
    CHECK_FALSE(f.router.matches(signed_request));
}

TEST_CASE("body limits per route", "[unit][lambda_router]") {
    RouterFixture f;
    CHECK(f.router.body_limit(http::Request::make("POST", "/2015-03-31/functions")) == 70'167'211);
    CHECK(f.router.body_limit(http::Request::make("PUT", "/2015-03-31/functions/fn/code")) == 70'167'211);
    CHECK(f.router.body_limit(http::Request::make("POST", "/2018-10-31/layers/l/versions")) == 70'167'211);
    CHECK(f.router.body_limit(http::Request::make("POST", "/2015-03-31/functions/fn/aliases")) ==
          6 * 1024 * 1024);
    AwsError error = f.router.body_too_large(http::Request::make("POST", "/2015-03-31/functions"));
    CHECK(error.name() == "RequestEntityTooLargeException");
    CHECK(error.message() == "Request must be smaller than 70167211 bytes for the CreateFunction operation");
}

TEST_CASE("errors render as Lambda's rest-json shapes", "[unit][lambda_router]") {
    RouterFixture f;
    http::Request request = http::Request::make("GET", "/2015-03-31/functions/x");
    auto render = [&](const AwsError& e) {
        http::Response r = f.router.render(e, request);
        CHECK(r.headers.get("x-amzn-ErrorType") == e.name());
        CHECK(r.status == e.http_status());
        return json::parse(r.body);
    };
    CHECK(render(AwsError(ErrorCode::ResourceNotFound, "Function not found: x")) ==
          json{{"Type", "User"}, {"Message", "Function not found: x"}});
    CHECK(render(AwsError(ErrorCode::InvalidParameterValue, "bad")) ==
          json{{"Type", "User"}, {"message", "bad"}});
    CHECK(render(AwsError(ErrorCode::InvalidParameterValue, "no type").without_type()) ==
          json{{"message", "no type"}});
    CHECK(render(AwsError(ErrorCode::Validation, "1 validation error detected: x")) ==
          json{{"message", "1 validation error detected: x"}});
    CHECK(render(AwsError(ErrorCode::AccessDenied, "")) == json{{"Message", nullptr}});
    CHECK(render(AwsError(ErrorCode::Service, "boom")) == json{{"Type", "Service"}, {"Message", "boom"}});
    CHECK(render(AwsError(ErrorCode::TooManyRequests, "Rate Exceeded.")
                     .with("Reason", "ReservedFunctionConcurrentInvocationLimitExceeded")) ==
          json{{"Type", "User"},
               {"message", "Rate Exceeded."},
               {"Reason", "ReservedFunctionConcurrentInvocationLimitExceeded"}});
}
