// Exact bytes of Lambda error bodies where order and encoding matter (runtime.md facts 39 and 48).

#include <catch2/catch.hpp>

#include <filesystem>

#include "control_test_util.hpp"
#include "emulator/control/code_store.hpp"
#include "emulator/control/layer_registry.hpp"
#include "routers/lambda/lambda_api_router.hpp"

using namespace lemu;
using namespace lemu::testing;

namespace {

struct WireFixture : RegistryFixture {
    std::filesystem::path dir = std::filesystem::temp_directory_path() /
                                ("lemu-wire-" + random_hex(*std::make_unique<SystemRandom>(), 12));
    control::CodeStore code{dir};
    control::LayerRegistry layers{kHome, clock};
    routers::lambda::LambdaApiRouter router{routers::lambda::LambdaContext{registry, layers, code, clock}};
    http::Request request = http::Request::make("POST", "/2015-03-31/functions/f/invocations");
    ~WireFixture() { std::filesystem::remove_all(dir); }
};

}  // namespace

TEST_CASE("a throttle body leads with Reason, as AWS sends it", "[unit][lambda_router]") {
    WireFixture f;
    http::Response r = f.router.render(AwsError(ErrorCode::TooManyRequests, "Rate Exceeded.")
                                           .with("Reason", "ReservedFunctionConcurrentInvocationLimitExceeded"),
                                       f.request);
    CHECK(r.status == 429);
    CHECK(r.body ==
          R"({"Reason":"ReservedFunctionConcurrentInvocationLimitExceeded","Type":"User","message":"Rate Exceeded."})");
}

TEST_CASE("an error quoting bytes that are not UTF-8 still renders", "[unit][lambda_router]") {
    WireFixture f;
    http::Response r = f.router.render(
        AwsError(ErrorCode::InvalidRequestContent,
                 "Could not parse request body into json: Could not parse payload into json: byte \x87 here"),
        f.request);
    CHECK(r.status == 400);
    CHECK(r.body == "{\"Type\":\"User\",\"message\":\"Could not parse request body into json: Could not parse "
                    "payload into json: byte \xEF\xBF\xBD here\"}");
}
