#include <catch2/catch.hpp>

#include "control_test_util.hpp"
#include "routers/lambda/request_names.hpp"

using namespace lemu;
using namespace lemu::routers::lambda;
using namespace lemu::testing;

namespace {

http::Request with_name(std::string function_name, std::string query = "") {
    http::Request r =
        http::Request::make("GET", "/2015-03-31/functions/x" + (query.empty() ? "" : "?" + query));
    r.params["FunctionName"] = std::move(function_name);
    return r;
}

}  // namespace

TEST_CASE("FunctionName path parameter plus Qualifier query parameter", "[unit][lambda_names]") {
    FunctionRef ref = function_ref(with_name("fn", "Qualifier=%24LATEST"), NameGrammar::Namespaced, kHome);
    CHECK(ref.qualifier == Qualifier{Latest{}});
    CHECK(ref.arn(kHome) == kArn + "fn:$LATEST");
    ref = function_ref(with_name(kArn + "fn:live"), NameGrammar::Namespaced, kHome);
    CHECK(ref.qualifier == Qualifier{AliasName{"live"}});
    require_error([] { function_ref(with_name("fn:1", "Qualifier=2"), NameGrammar::Namespaced, kHome); },
                  ErrorCode::InvalidParameterValue,
                  "The derived qualifier from the function name does not match the specified qualifier.");
    CHECK(function_ref_no_qualifier(with_name("fn", "Qualifier=2"), NameGrammar::Plain, kHome).qualifier ==
          std::nullopt);
}

TEST_CASE("operations on the function itself accept only $LATEST as a suffix", "[unit][lambda_names]") {
    CHECK(unqualified_function(with_name("000000000000:function:fn"), kHome) == "fn");
    CHECK(unqualified_function(with_name("fn:$LATEST"), kHome) == "fn");
    require_error(
        [] { unqualified_function(with_name("fn:live"), kHome); }, ErrorCode::InvalidParameterValue,
        "This operation is permitted on Lambda functions only. Aliases and versions do not support this "
        "operation. Please specify either a function name or an unqualified function ARN.");
    require_error(
        [] { unqualified_function(with_name("my.fn"), kHome); }, ErrorCode::Validation,
        std::string("1 validation error detected: Value 'my.fn' at 'functionName' failed to satisfy "
                    "constraint: Member must satisfy regular expression pattern: ") +
            std::string(function_name_pattern(NameGrammar::Plain)));
}

TEST_CASE("CreateFunction names: required, 64 characters for a bare name", "[unit][lambda_names]") {
    CHECK(new_function_name(std::string(64, 'a'), kHome) == std::string(64, 'a'));
    CHECK(new_function_name(kArn + "from-arn", kHome) == "from-arn");
    require_error(
        [] { new_function_name(std::string(65, 'a'), kHome); }, ErrorCode::InvalidParameterValue,
        "1 validation error detected: Value '" + std::string(65, 'a') +
            "' at 'functionName' failed to satisfy constraint: Member must have length less than or equal "
            "to 64");
    require_error(
        [] { new_function_name(std::nullopt, kHome); }, ErrorCode::Validation,
        "1 validation error detected: Value null at 'functionName' failed to satisfy constraint: Member "
        "must not be null");
}

TEST_CASE("tag resources and layer names", "[unit][lambda_names]") {
    http::Request tag = http::Request::make("GET", "/2017-03-31/tags/x");
    tag.params["Resource"] = kArn + "fn";
    CHECK(taggable_function(tag, kHome).name == "fn");
    tag.params["Resource"] = kArn + "fn:7";
    CHECK(taggable_function(tag, kHome).qualifier == Qualifier{VersionNumber{7}});
    tag.params["Resource"] = "fn";
    CHECK_THROWS_AS(taggable_function(tag, kHome), AwsError);

    http::Request layer = http::Request::make("GET", "/2018-10-31/layers/x/versions");
    layer.params["LayerName"] = "arn:aws:lambda:us-east-1:000000000000:layer:tools";
    CHECK(layer_name(layer, kHome) == "tools");
    layer.params["LayerName"] = "tools";
    CHECK(layer_name(layer, kHome) == "tools");
    layer.params["LayerName"] = "arn:aws:lambda:eu-west-1:000000000000:layer:tools";
    require_error([&] { layer_name(layer, kHome); }, ErrorCode::ResourceNotFound,
                  "The resource you requested does not exist.");
    layer.params["LayerName"] = "bad name";
    CHECK_THROWS_AS(layer_name(layer, kHome), AwsError);
}

TEST_CASE("MaxItems is checked against its range", "[unit][lambda_names]") {
    CHECK(max_items(http::Request::make("GET", "/x"), 50) == 0);
    CHECK(max_items(http::Request::make("GET", "/x?MaxItems=7"), 50) == 7);
    require_error(
        [] { max_items(http::Request::make("GET", "/x?MaxItems=0"), 50); }, ErrorCode::Validation,
        "1 validation error detected: Value '0' at 'maxItems' failed to satisfy constraint: Member must have "
        "value greater than or equal to 1");
    require_error(
        [] { max_items(http::Request::make("GET", "/x?MaxItems=51"), 50); }, ErrorCode::Validation,
        "1 validation error detected: Value '51' at 'maxItems' failed to satisfy constraint: Member must "
        "have value less than or equal to 50");
}
