#include <catch2/catch.hpp>

#include "emulator/core/aws_error.hpp"
#include "emulator/core/function_ref.hpp"

using namespace lemu;

namespace {

const AccountRegion kHome{"000000000000", "us-east-1"};

FunctionRef parse(std::string_view name, std::optional<std::string_view> qualifier = std::nullopt,
                  NameGrammar grammar = NameGrammar::Namespaced) {
    return parse_function_ref(name, qualifier, grammar, kHome);
}

AwsError error_of(std::string_view name, std::optional<std::string_view> qualifier = std::nullopt,
                  NameGrammar grammar = NameGrammar::Namespaced) {
    try {
        parse(name, qualifier, grammar);
    } catch (const AwsError& e) {
        return e;
    }
    FAIL("expected an AwsError for " << name);
    return AwsError(ErrorCode::Service, "unreachable");
}

}  // namespace

TEST_CASE("FunctionName forms resolve to the same function", "[unit][function_ref]") {
    for (auto form : {"fn", "000000000000:function:fn", "arn:aws:lambda:us-east-1:000000000000:function:fn"}) {
        FunctionRef ref = parse(form);
        CHECK(ref.name == "fn");
        CHECK_FALSE(ref.qualifier);
        CHECK(ref.arn(kHome) == "arn:aws:lambda:us-east-1:000000000000:function:fn");
    }
}

TEST_CASE("qualifier comes from the ARN suffix or the parameter", "[unit][function_ref]") {
    CHECK(parse("fn:7").qualifier == Qualifier{VersionNumber{7}});
    CHECK(parse("fn:live").qualifier == Qualifier{AliasName{"live"}});
    CHECK(parse("fn:$LATEST").qualifier == Qualifier{Latest{}});
    CHECK(parse("arn:aws:lambda:us-east-1:000000000000:function:fn:live").qualifier == Qualifier{AliasName{"live"}});
    CHECK(parse("fn", "3").qualifier == Qualifier{VersionNumber{3}});
    CHECK(parse("fn:3", "3").qualifier == Qualifier{VersionNumber{3}});
    CHECK(parse("fn", "live").arn(kHome) == "arn:aws:lambda:us-east-1:000000000000:function:fn:live");
}

TEST_CASE("lowercase $latest is an alias name that never resolves", "[unit][function_ref]") {
    CHECK(parse("fn", "$latest").qualifier == Qualifier{AliasName{"$latest"}});
}

TEST_CASE("a suffix that differs from the Qualifier parameter is rejected", "[unit][function_ref]") {
    AwsError e = error_of("fn:1", "$LATEST");
    CHECK(e.code() == ErrorCode::InvalidParameterValue);
    CHECK(e.message() == "The derived qualifier from the function name does not match the specified qualifier.");
}

TEST_CASE("an ARN ending in 'function' names a function called function", "[unit][function_ref]") {
    CHECK(parse("arn:aws:lambda:us-east-1:000000000000:function").name == "function");
}

TEST_CASE("extra qualifiers fail the FunctionName pattern", "[unit][function_ref]") {
    AwsError e = error_of("arn:aws:lambda:us-east-1:000000000000:function:fn:1:2");
    CHECK(e.code() == ErrorCode::Validation);
    CHECK(e.message().starts_with("1 validation error detected: Value 'arn:aws:lambda:us-east-1:000000000000:"
                                  "function:fn:1:2' at 'functionName' failed to satisfy constraint: Member must "
                                  "satisfy regular expression pattern: (arn:(aws[a-zA-Z-]*)?:lambda:)?"));
    CHECK(error_of("fn:$LATES").code() == ErrorCode::Validation);
}

TEST_CASE("the qualifier parameter is length-checked", "[unit][function_ref]") {
    std::string long_qualifier(129, 'q');
    AwsError e = error_of("fn", long_qualifier);
    CHECK(e.message() == "1 validation error detected: Value '" + long_qualifier +
                             "' at 'qualifier' failed to satisfy constraint: Member must have length less than or "
                             "equal to 128");
}

TEST_CASE("two failures are reported together", "[unit][function_ref]") {
    AwsError e = error_of("a:b:c:d", std::string(129, 'q'));
    CHECK(e.message().starts_with("2 validation errors detected: Value 'a:b:c:d' at 'functionName'"));
}

TEST_CASE("another region or account in the ARN", "[unit][function_ref]") {
    AwsError region = error_of("arn:aws:lambda:eu-west-1:000000000000:function:fn");
    CHECK(region.code() == ErrorCode::ResourceNotFound);
    CHECK(region.message() == "Functions from 'eu-west-1' are not reachable in this region ('us-east-1')");
    CHECK(error_of("arn:aws:lambda:us-east-1:111111111111:function:fn").code() == ErrorCode::AccessDenied);
}

TEST_CASE("namespaced names allow dots, plain names do not", "[unit][function_ref]") {
    CHECK(parse("my.fn").name == "my.fn");
    CHECK(error_of("my.fn", std::nullopt, NameGrammar::Plain).code() == ErrorCode::Validation);
    CHECK(error_of("fn:1", std::nullopt, NameGrammar::Unqualified).code() == ErrorCode::Validation);
}
