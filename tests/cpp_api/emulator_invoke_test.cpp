// lemu::Emulator end to end (DESIGN.md §12-§13): an emulator on an ephemeral port inside the test
// process, a function whose `bootstrap` is a real child process (sh + curl), invoked through the C++
// API and over HTTP, then stopped.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>

#include "emulator/app/emulator.hpp"
#include "emulator/core/aws_error.hpp"
#include "emulator/core/encoding.hpp"
#include "tests/component/http_client.hpp"
#include "tests/unit/zip_fixture.hpp"

using nlohmann::json;

namespace {

constexpr const char* kArn = "arn:aws:lambda:us-east-1:000000000000:function:";

// A custom runtime in sh + curl: answers {"event":..., "arn":..., "version":..., "pid":...}, or an
// error document for {"fail":true}.
constexpr const char* kBootstrap = R"sh(#!/bin/sh
set -u
API="http://${AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime"
W="$(mktemp -d)"
while true; do
    curl -sSf -D "$W/h" -o "$W/e" "$API/invocation/next" || exit 1
    ID=$(grep -i '^Lambda-Runtime-Aws-Request-Id:' "$W/h" | cut -d' ' -f2 | tr -d '\r\n')
    ARN=$(grep -i '^Lambda-Runtime-Invoked-Function-Arn:' "$W/h" | cut -d' ' -f2 | tr -d '\r\n')
    echo "handling $ID"
    if grep -q '"fail"' "$W/e"; then
        printf '%s' '{"errorMessage":"asked to fail","errorType":"Failure"}' > "$W/o"
        curl -sS -o /dev/null -X POST -H 'Content-Type: application/json' --data-binary "@$W/o" \
            "$API/invocation/$ID/error"
        continue
    fi
    printf '{"event":%s,"arn":"%s","version":"%s","pid":%s}' "$(cat "$W/e")" "$ARN" \
        "$AWS_LAMBDA_FUNCTION_VERSION" "$$" > "$W/o"
    curl -sS -o /dev/null -X POST -H 'Content-Type: application/json' --data-binary "@$W/o" \
        "$API/invocation/$ID/response"
done
)sh";

lemu::Config test_config() {
    lemu::Config config;
    config.server.port = 0;
    config.server.log_level = "warn";
    config.server.io_threads = 2;
    return config;
}

// The Lambda API over plain HTTP (unsigned requests are fine for lemu).
class LambdaApi {
public:
    explicit LambdaApi(const lemu::Emulator& emulator) : http_("127.0.0.1:" + std::to_string(emulator.port())) {}

    lemu::test::HttpReply post(const std::string& target, const std::string& body,
                               const lemu::test::HttpClient::Fields& fields = {}) {
        return http_.request("POST", target, body, fields);
    }

    void create_function(const std::string& name) {
        std::string zip = lemu::testing::make_zip({{"bootstrap", kBootstrap, 0100755}});
        json request = {{"FunctionName", name},
                        {"Runtime", "provided.al2023"},
                        {"Role", "arn:aws:iam::000000000000:role/lambda"},
                        {"Handler", "bootstrap"},
                        {"Code", {{"ZipFile", lemu::base64_encode(zip)}}}};
        REQUIRE(post("/2015-03-31/functions", request.dump()).status == 201);
    }

private:
    lemu::test::HttpClient http_;
};

}  // namespace

TEST_CASE("Emulator::invoke runs a real bootstrap through the Invoker, as HTTP Invoke does", "[cpp_api]") {
    lemu::Emulator emulator;
    emulator.start(test_config());
    REQUIRE(emulator.port() != 0);
    REQUIRE(emulator.endpoint() == "http://127.0.0.1:" + std::to_string(emulator.port()));

    LambdaApi api(emulator);
    api.create_function("echo");
    REQUIRE(api.post("/2015-03-31/functions/echo/versions", "{}").status == 201);
    REQUIRE(api.post("/2015-03-31/functions/echo/aliases", R"({"Name":"live","FunctionVersion":"1"})").status ==
            201);

    lemu::InvokeOutput out = emulator.invoke("echo", R"({"x":1})");
    INFO(out.payload);
    CHECK(out.status_code == 200);
    CHECK_FALSE(out.failed());
    CHECK(out.executed_version == "$LATEST");
    CHECK(out.content_type == "application/json");
    json body = json::parse(out.payload);
    CHECK(body["event"] == json{{"x", 1}});
    CHECK(body["arn"] == std::string(kArn) + "echo");
    CHECK(body["version"] == "$LATEST");
    CHECK(out.log_tail.find("START RequestId: " + out.request_id + " Version: $LATEST\n") != std::string::npos);
    CHECK(out.log_tail.find("handling " + out.request_id) != std::string::npos);
    CHECK(out.log_tail.find("REPORT RequestId: " + out.request_id + "\t") != std::string::npos);

    SECTION("through an alias, by Qualifier or in the name") {
        lemu::InvokeOutput by_qualifier = emulator.invoke("echo", "live", "[1,2]");
        CHECK(by_qualifier.executed_version == "1");
        json alias_body = json::parse(by_qualifier.payload);
        CHECK(alias_body["arn"] == std::string(kArn) + "echo:live");
        CHECK(alias_body["version"] == "1");
        CHECK(alias_body["event"] == json::array({1, 2}));
        lemu::InvokeOutput by_name = emulator.invoke(std::string(kArn) + "echo:1", "{}");
        CHECK(by_name.executed_version == "1");
        CHECK(json::parse(by_name.payload)["pid"] == alias_body["pid"]);  // the warm version-1 process
    }

    SECTION("and over HTTP, the same function answers the same way") {
        lemu::test::HttpReply reply =
            api.post("/2015-03-31/functions/echo/invocations?Qualifier=live", R"({"over":"http"})");
        CHECK(reply.status == 200);
        CHECK(reply.header("x-amz-executed-version") == "1");
        json http_body = json::parse(reply.body);
        CHECK(http_body["event"] == json{{"over", "http"}});
        CHECK(http_body["arn"] == std::string(kArn) + "echo:live");
        lemu::InvokeOutput api_out = emulator.invoke("echo", "live", "{}");
        CHECK(json::parse(api_out.payload)["pid"] == http_body["pid"]);
    }

    SECTION("a failing function is data, a failing call throws AwsError") {
        lemu::InvokeOutput failed = emulator.invoke("echo", R"({"fail":true})");
        CHECK(failed.status_code == 200);
        CHECK(failed.function_error == std::optional<std::string>("Unhandled"));
        CHECK(failed.payload == R"({"errorMessage":"asked to fail","errorType":"Failure"})");
        try {
            emulator.invoke("ghost", "{}");
            FAIL("no exception for an unknown function");
        } catch (const lemu::AwsError& e) {
            CHECK(e.code() == lemu::ErrorCode::ResourceNotFound);
            CHECK(e.message() == std::string("Function not found: ") + kArn + "ghost:$LATEST");
        }
        CHECK_THROWS_AS(emulator.invoke("echo", "nope", "{}"), lemu::AwsError);
    }

    emulator.stop();
    emulator.stop();  // idempotent
}

TEST_CASE("Emulator::invoke before start() is a logic error", "[cpp_api]") {
    lemu::Emulator emulator;
    CHECK_THROWS_AS(emulator.invoke("f", "{}"), std::logic_error);
}
