#include <catch2/catch.hpp>

#include "sources/apigateway/proxy_response_mapper.hpp"

using namespace lemu::sources::apigateway;
using Headers = std::vector<std::pair<std::string, std::string>>;

namespace {

ProxyResponse v1(std::string_view payload, bool decode = false) {
    MappedResult r = map_v1_result(payload, decode);
    INFO(r.problem);
    REQUIRE(r.response);
    return *r.response;
}

bool malformed_v1(std::string_view payload) {
    return !map_v1_result(payload, false).response;
}

ProxyResponse v2(std::string_view payload) {
    MappedResult r = map_v2_result(payload);
    INFO(r.problem);
    REQUIRE(r.response);
    return *r.response;
}

}  // namespace

TEST_CASE("payload 1.0 results map to HTTP as AWS records them", "[unit][apigateway]") {
    ProxyResponse minimal = v1(R"({"statusCode":200})");
    CHECK(minimal.status == 200);
    CHECK(minimal.body.empty());
    CHECK(minimal.headers == Headers{{"Content-Type", "application/json"}});

    CHECK(v1(R"({"statusCode":"201","body":"x"})").status == 201);
    CHECK(v1(R"({"body":"no status"})").status == 200);
    CHECK(v1(R"({"statusCode":200,"headers":null,"body":"b"})").body == "b");

    ProxyResponse headers =
        v1(R"({"statusCode":200,"headers":{"X-Bool":true,"X-Num":3,"Content-Type":"text/plain"}})");
    CHECK(headers.headers == Headers{{"X-Bool", "true"}, {"X-Num", "3"}, {"Content-Type", "text/plain"}});

    ProxyResponse multi = v1(R"({"statusCode":200,"multiValueHeaders":{"test-multi":["value1","value2"]}})");
    CHECK(multi.headers ==
          Headers{{"test-multi", "value1"}, {"test-multi", "value2"}, {"Content-Type", "application/json"}});

    ProxyResponse merged = v1(
        R"({"statusCode":200,"multiValueHeaders":{"tesT-Multi":["value-multi"]},"headers":{"test-multi":"value-solo"}})");
    CHECK(merged.headers == Headers{{"tesT-Multi", "value-multi"},
                                    {"tesT-Multi", "value-solo"},
                                    {"Content-Type", "application/json"}});

    // isBase64Encoded is honoured only when the caller says the body is binary.
    CHECK(v1(R"({"statusCode":200,"body":"aGk=","isBase64Encoded":true})").body == "aGk=");
    CHECK(v1(R"({"statusCode":200,"body":"aGk=","isBase64Encoded":true})", true).body == "hi");
}

TEST_CASE("malformed payload 1.0 results are rejected", "[unit][apigateway]") {
    CHECK(malformed_v1(R"({"statusCode":200,"extra":1})"));
    CHECK(malformed_v1(R"({"statusCode":"test"})"));
    CHECK(malformed_v1(R"({"statusCode":200,"multiValueHeaders":{"a":"not-a-list"}})"));
    CHECK(malformed_v1(R"("a bare string")"));
    CHECK(malformed_v1("null"));
    CHECK(malformed_v1("not json"));
    CHECK(malformed_v1(R"({"statusCode":200,"body":{"an":"object"}})"));
    CHECK(malformed_v1(R"({"statusCode":200,"headers":{"a":{"b":1}}})"));
    CHECK(malformed_v1(R"({"statusCode":99})"));
    CHECK(map_v1_result(R"({"statusCode":200,"extra":1})", false).problem == "unexpected key 'extra'");
}

TEST_CASE("payload 2.0 results: bare values become 200 JSON, structured ones map like 1.0 plus cookies",
          "[unit][apigateway]") {
    ProxyResponse object = v2(R"({"hello": "world"})");
    CHECK(object.status == 200);
    CHECK(object.body == R"({"hello":"world"})");
    CHECK(object.headers == Headers{{"Content-Type", "application/json"}});
    CHECK(v2(R"({"b": 1, "a": 2})").body == R"({"b":1,"a":2})");  // key order kept
    CHECK(v2(R"(["hello", 3, true])").body == R"(["hello",3,true])");
    CHECK(v2(R"("hello")").body == "hello");
    CHECK(v2("3").body == "3");
    CHECK(v2("true").body == "true");

    ProxyResponse structured = v2(
        R"({"statusCode":201,"body":"body123","headers":{"content-type":"text/plain"},"cookies":["a=1; Path=/","b=2"]})");
    CHECK(structured.status == 201);
    CHECK(structured.body == "body123");
    CHECK(structured.headers ==
          Headers{{"content-type", "text/plain"}, {"Set-Cookie", "a=1; Path=/"}, {"Set-Cookie", "b=2"}});
    CHECK(v2(R"({"statusCode":200,"body":"aGk=","isBase64Encoded":true})").body == "hi");
    CHECK_FALSE(map_v2_result("{not json").response);
    CHECK_FALSE(map_v2_result(R"({"statusCode":"abc"})").response);
}
