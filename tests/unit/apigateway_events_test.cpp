#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "sources/apigateway/proxy_event_builder.hpp"

using namespace lemu;
using namespace lemu::sources::apigateway;
using nlohmann::json;

namespace {

ProxyRequest get_items() {
    ProxyRequest r;
    r.method = "GET";
    r.raw_path = "/items/test%2Balias";
    r.raw_query = "a=1&a=2&b=x+y&email=t%2Bq%40x.com";
    r.headers = {{"Host", "127.0.0.1:4566"}, {"User-Agent", "curl/8.0"}, {"tEsT-HEADeR", "one"},
                 {"test-header", "two"},     {"Cookie", "a=1; b=2"},     {"Cookie", "c=3"}};
    r.source_ip = "127.0.0.1";
    r.time = from_epoch_millis(1722641683123);
    return r;
}

EventContext rest_context() {
    EventContext c;
    c.home = AccountRegion{"000000000000", "us-east-1"};
    c.api_id = "abcdefghij";
    c.stage = "prod";
    c.domain_name = "abcdefghij.execute-api.us-east-1.amazonaws.com";
    c.request_id = "c6af9ac6-7b61-11e6-9a41-93e8deadbeef";
    c.extended_request_id = "cJ4WcH1eIAMEX9g=";
    c.deployment_id = "a1b2c3";
    c.resource_id = "r0r0r0r0r0";
    c.resource_path = "/items/{id}";
    c.path_parameters = {{"id", "test+alias"}};
    return c;
}

}  // namespace

TEST_CASE("payload 1.0 for REST has AWS's fields and values", "[unit][apigateway]") {
    json e = json::parse(build_rest_event(get_items(), rest_context()));
    CHECK_FALSE(e.contains("version"));
    CHECK(e["resource"] == "/items/{id}");
    CHECK(e["path"] == "/items/test%2Balias");  // not decoded, no stage
    CHECK(e["httpMethod"] == "GET");
    CHECK(e["headers"]["tEsT-HEADeR"] == "two");  // last value, first casing
    CHECK(e["multiValueHeaders"]["tEsT-HEADeR"] == json::array({"one", "two"}));
    CHECK(e["headers"]["Cookie"] == "c=3");
    CHECK(e["queryStringParameters"] == json{{"a", "2"}, {"b", "x y"}, {"email", "t+q@x.com"}});
    CHECK(e["multiValueQueryStringParameters"]["a"] == json::array({"1", "2"}));
    CHECK(e["pathParameters"] == json{{"id", "test+alias"}});
    CHECK(e["stageVariables"].is_null());
    CHECK(e["body"].is_null());
    CHECK(e["isBase64Encoded"] == false);

    const json& rc = e["requestContext"];
    CHECK(rc["accountId"] == "000000000000");
    CHECK(rc["apiId"] == "abcdefghij");
    CHECK(rc["deploymentId"] == "a1b2c3");
    CHECK(rc["domainName"] == "abcdefghij.execute-api.us-east-1.amazonaws.com");
    CHECK(rc["domainPrefix"] == "abcdefghij");
    CHECK(rc["extendedRequestId"] == "cJ4WcH1eIAMEX9g=");
    CHECK(rc["httpMethod"] == "GET");
    CHECK(rc["path"] == "/prod/items/test%2Balias");
    CHECK(rc["protocol"] == "HTTP/1.1");
    CHECK(rc["requestId"] == "c6af9ac6-7b61-11e6-9a41-93e8deadbeef");
    CHECK(rc["requestTime"] == "02/Aug/2024:23:34:43 +0000");
    CHECK(rc["requestTimeEpoch"] == 1722641683123);
    CHECK(rc["resourceId"] == "r0r0r0r0r0");
    CHECK(rc["resourcePath"] == "/items/{id}");
    CHECK(rc["stage"] == "prod");
    const json& id = rc["identity"];
    CHECK(id["sourceIp"] == "127.0.0.1");
    CHECK(id["userAgent"] == "curl/8.0");
    for (const char* key :
         {"accessKey", "accountId", "caller", "cognitoAuthenticationProvider", "cognitoAuthenticationType",
          "cognitoIdentityId", "cognitoIdentityPoolId", "principalOrgId", "user", "userArn"}) {
        CHECK(id[key].is_null());
    }
    CHECK(id.size() == 12);
    CHECK(rc.size() == 16);
    CHECK(e.size() == 12);
}

TEST_CASE("payload 1.0 without query or headers uses nulls; binary media types base64 the body",
          "[unit][apigateway]") {
    ProxyRequest r;
    r.method = "POST";
    r.raw_path = "/";
    r.body = std::string("\x89PNG\r\n\x1a\n", 8);
    r.source_ip = "10.0.0.1";
    EventContext c = rest_context();
    c.stage_variables = {{"alias", "live"}};
    json plain = json::parse(build_rest_event(r, c));
    CHECK(plain["headers"].is_null());
    CHECK(plain["multiValueHeaders"].is_null());
    CHECK(plain["queryStringParameters"].is_null());
    CHECK(plain["multiValueQueryStringParameters"].is_null());
    CHECK(plain["stageVariables"] == json{{"alias", "live"}});
    CHECK(plain["isBase64Encoded"] == false);
    CHECK(plain["requestContext"]["identity"]["userAgent"].is_null());

    r.headers = {{"Content-Type", "image/png"}};
    c.binary_media_types = {"image/*"};
    json binary = json::parse(build_rest_event(r, c));
    CHECK(binary["isBase64Encoded"] == true);
    CHECK(binary["body"] == "iVBORw0KGgo=");
    CHECK(matches_binary_media_type("application/octet-stream; x=y", {"*/*"}));
    CHECK_FALSE(matches_binary_media_type("text/plain", {"image/png"}));
}

TEST_CASE("payload 1.0 for HTTP APIs adds version, authorizer and the stage path", "[unit][apigateway]") {
    EventContext c = rest_context();
    c.stage = "$default";
    c.resource_path = "/items/{id}";
    c.route_key = "GET /items/{id}";
    json e = json::parse(build_http_event_v1(get_items(), c));
    CHECK(e["version"] == "1.0");
    CHECK(e["path"] == "/items/test%2Balias");
    CHECK(e["requestContext"]["authorizer"] == json{{"claims", nullptr}, {"scopes", nullptr}});
    CHECK(e["requestContext"]["resourceId"].is_null());
    CHECK(e["requestContext"]["stage"] == "$default");
    CHECK(e["requestContext"]["path"] == "/items/test%2Balias");
    CHECK_FALSE(e["requestContext"].contains("deploymentId"));

    c.stage = "dev";
    c.stage_in_path = true;
    json named = json::parse(build_http_event_v1(get_items(), c));
    CHECK(named["path"] == "/dev/items/test%2Balias");
}

TEST_CASE("payload 2.0 joins headers and query values, splits cookies, omits empty members",
          "[unit][apigateway]") {
    EventContext c = rest_context();
    c.stage = "$default";
    c.route_key = "GET /items/{id}";
    c.request_id = "JKJaXmPLvHcESHA=";
    json e = json::parse(build_http_event_v2(get_items(), c));
    CHECK(e["version"] == "2.0");
    CHECK(e["routeKey"] == "GET /items/{id}");
    CHECK(e["rawPath"] == "/items/test%2Balias");
    CHECK(e["rawQueryString"] == "a=1&a=2&b=x+y&email=t%2Bq%40x.com");
    CHECK(e["cookies"] == json::array({"a=1", "b=2", "c=3"}));
    CHECK(e["headers"] ==
          json{{"host", "127.0.0.1:4566"}, {"user-agent", "curl/8.0"}, {"test-header", "one,two"}});
    CHECK(e["queryStringParameters"] == json{{"a", "1,2"}, {"b", "x y"}, {"email", "t+q@x.com"}});
    CHECK(e["pathParameters"] == json{{"id", "test+alias"}});
    CHECK_FALSE(e.contains("body"));
    CHECK_FALSE(e.contains("stageVariables"));
    CHECK_FALSE(e.contains("multiValueHeaders"));
    CHECK(e["isBase64Encoded"] == false);
    const json& rc = e["requestContext"];
    CHECK(rc["accountId"] == "000000000000");
    CHECK(rc["apiId"] == "abcdefghij");
    CHECK(rc["domainName"] == "abcdefghij.execute-api.us-east-1.amazonaws.com");
    CHECK(rc["domainPrefix"] == "abcdefghij");
    CHECK(rc["http"] == json{{"method", "GET"},
                             {"path", "/items/test%2Balias"},
                             {"protocol", "HTTP/1.1"},
                             {"sourceIp", "127.0.0.1"},
                             {"userAgent", "curl/8.0"}});
    CHECK(rc["requestId"] == "JKJaXmPLvHcESHA=");
    CHECK(rc["routeKey"] == "GET /items/{id}");
    CHECK(rc["stage"] == "$default");
    CHECK(rc["time"] == "02/Aug/2024:23:34:43 +0000");
    CHECK(rc["timeEpoch"] == 1722641683123);
    CHECK(rc.size() == 10);
}

TEST_CASE("payload 2.0 for a named stage prefixes rawPath; bodies are base64 unless text",
          "[unit][apigateway]") {
    EventContext c = rest_context();
    c.stage = "dev";
    c.stage_in_path = true;
    c.route_key = "$default";
    c.path_parameters.clear();
    c.stage_variables = {{"alias", "live"}};
    ProxyRequest r;
    r.method = "POST";
    r.raw_path = "/items/42";
    r.headers = {{"Content-Type", "application/json; charset=utf-8"}};
    r.body = R"({"a":1})";
    json text = json::parse(build_http_event_v2(r, c));
    CHECK(text["rawPath"] == "/dev/items/42");
    CHECK(text["requestContext"]["http"]["path"] == "/dev/items/42");
    CHECK(text["body"] == R"({"a":1})");
    CHECK(text["isBase64Encoded"] == false);
    CHECK(text["stageVariables"] == json{{"alias", "live"}});
    CHECK_FALSE(text.contains("pathParameters"));
    CHECK_FALSE(text.contains("cookies"));
    CHECK_FALSE(text.contains("queryStringParameters"));

    r.headers = {{"Content-Type", "application/octet-stream"}};
    r.body = std::string("\x00\x01\xff", 3);
    json binary = json::parse(build_http_event_v2(r, c));
    CHECK(binary["isBase64Encoded"] == true);
    CHECK(binary["body"] == "AAH/");

    // Not UTF-8: base64 even without a Content-Type.
    r.headers.clear();
    CHECK(json::parse(build_http_event_v2(r, c))["isBase64Encoded"] == true);
    CHECK(is_text_content_type("text/html"));
    CHECK(is_text_content_type("application/vnd.api+json"));
    CHECK_FALSE(is_text_content_type("image/png"));
}

TEST_CASE("forwarded headers are added unless the client sent them", "[unit][apigateway]") {
    ProxyRequest r;
    r.source_ip = "127.0.0.1";
    r.headers = {{"X-Forwarded-Proto", "https"}};
    add_forwarded_headers(r, "4566");
    CHECK(r.headers == std::vector<std::pair<std::string, std::string>>{{"X-Forwarded-Proto", "https"},
                                                                        {"X-Forwarded-For", "127.0.0.1"},
                                                                        {"X-Forwarded-Port", "4566"}});
}
