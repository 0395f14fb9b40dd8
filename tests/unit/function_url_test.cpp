// Function URLs: the config store (ids, errors, alias/function deletion), the URL event, CORS, the
// caller and the two permission checks, the request forms of the data plane and the Qualifier rule.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "control_test_util.hpp"
#include "emulator/control/function_url_store.hpp"
#include "emulator/control/permission_checker.hpp"
#include "emulator/invoke/invoker.hpp"
#include "routers/lambda/url_codec.hpp"
#include "routers/lambda_url/function_url_router.hpp"
#include "sources/lambda_url/cors.hpp"
#include "sources/lambda_url/url_caller.hpp"
#include "sources/lambda_url/url_event.hpp"

using namespace lemu;
using namespace lemu::testing;
using nlohmann::json;

namespace {

struct UrlFixture : RegistryFixture {
    control::FunctionUrlStore urls{registry, clock, random};
};

bool is_url_id(const std::string& id) {
    return id.size() == 32 && std::all_of(id.begin(), id.end(), [](char c) {
               return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
           });
}

const std::string kNoResource = "The resource you requested does not exist.";
const std::string kNoFunction = "Function does not exist";

}  // namespace

TEST_CASE("a URL config gets a 32-character id and AWS's URL shape", "[unit][function_url]") {
    UrlFixture f;
    f.create("fn");
    control::FunctionUrlPtr url =
        f.urls.create("fn", "", {control::UrlAuthType::None, std::nullopt, std::nullopt});
    CHECK(is_url_id(url->url_id));
    CHECK(control::public_function_url(kHome, url->url_id) ==
          "https://" + url->url_id + ".lambda-url.us-east-1.on.aws/");
    CHECK(control::function_url_domain(kHome, url->url_id) == url->url_id + ".lambda-url.us-east-1.on.aws");
    CHECK(url->function_arn(kHome) == kArn + "fn");
    CHECK(url->effective_invoke_mode() == control::UrlInvokeMode::Buffered);
    CHECK(f.urls.find_by_id(url->url_id) == url);

    f.alias("fn", "live", "$LATEST");
    control::FunctionUrlPtr live = f.urls.create("fn", "live", {control::UrlAuthType::AwsIam, {}, {}});
    CHECK(live->url_id != url->url_id);
    CHECK(live->function_arn(kHome) == kArn + "fn:live");
}

TEST_CASE("URL config errors carry AWS's codes and texts", "[unit][function_url]") {
    UrlFixture f;
    require_error([&] { f.urls.create("nope", "", {}); }, ErrorCode::ResourceNotFound, kNoFunction);
    require_error([&] { f.urls.list("nope", "", 0); }, ErrorCode::ResourceNotFound, kNoFunction);
    require_error([&] { f.urls.update("nope", "", {}); }, ErrorCode::ResourceNotFound, kNoFunction);
    require_error([&] { f.urls.get("nope", ""); }, ErrorCode::ResourceNotFound, kNoResource);
    require_error([&] { f.urls.remove("nope", ""); }, ErrorCode::ResourceNotFound, kNoResource);

    f.create("fn");
    require_error([&] { f.urls.get("fn", ""); }, ErrorCode::ResourceNotFound, kNoResource);
    require_error([&] { f.urls.update("fn", "", {}); }, ErrorCode::ResourceNotFound, kNoResource);
    require_error([&] { f.urls.create("fn", "live", {}); }, ErrorCode::ResourceNotFound, kNoFunction);
    require_error([&] { f.urls.update("fn", "live", {}); }, ErrorCode::ResourceNotFound, kNoFunction);
    require_error([&] { f.urls.get("fn", "live"); }, ErrorCode::ResourceNotFound, kNoResource);

    f.urls.create("fn", "", {});
    require_error(
        [&] {
            f.urls.create("fn", "", {control::UrlAuthType::AwsIam, {}, {}});
        },
        ErrorCode::ResourceConflict,
        "Failed to create function url config for [functionArn = " + kArn +
            "fn]. Error message:  FunctionUrlConfig exists for this Lambda function");
    CHECK(f.urls.get("fn", "")->auth_type == control::UrlAuthType::None);  // unchanged
}

TEST_CASE("Update patches only what it is given and moves LastModifiedTime", "[unit][function_url]") {
    UrlFixture f;
    f.create("fn");
    control::UrlCors cors;
    cors.allow_origins = std::vector<std::string>{"*"};
    control::FunctionUrlPtr created =
        f.urls.create("fn", "", {control::UrlAuthType::None, cors, std::nullopt});
    f.clock.advance(std::chrono::seconds(5));
    control::FunctionUrlPatch patch;
    patch.invoke_mode = control::UrlInvokeMode::ResponseStream;
    control::FunctionUrlPtr updated = f.urls.update("fn", "", patch);
    CHECK(updated->url_id == created->url_id);
    CHECK(updated->auth_type == control::UrlAuthType::None);
    CHECK(updated->cors == cors);
    CHECK(updated->invoke_mode == control::UrlInvokeMode::ResponseStream);
    CHECK(updated->creation_time == created->creation_time);
    CHECK(updated->last_modified_time == created->creation_time + std::chrono::seconds(5));
    CHECK(f.urls.find_by_id(created->url_id) == updated);
}

TEST_CASE("deleting an alias deletes its URL; deleting the function deletes all", "[unit][function_url]") {
    UrlFixture f;
    f.create("fn");
    f.alias("fn", "live", "$LATEST");
    f.alias("fn", "beta", "$LATEST");
    auto plain = f.urls.create("fn", "", {});
    auto live = f.urls.create("fn", "live", {});
    auto beta = f.urls.create("fn", "beta", {});
    int changes = 0;
    f.urls.set_change_listener([&] { ++changes; });

    f.registry.delete_alias("fn", "live");
    CHECK(changes == 1);
    CHECK(f.urls.find_by_id(live->url_id) == nullptr);
    require_error([&] { f.urls.get("fn", "live"); }, ErrorCode::ResourceNotFound, kNoResource);
    REQUIRE(f.urls.deleted(live->url_id));
    CHECK(f.urls.deleted(live->url_id)->function_arn == kArn + "fn:live");
    CHECK(f.urls.deleted(live->url_id)->reason == "alias live of function fn was deleted");
    CHECK(f.urls.get("fn", "")->url_id == plain->url_id);  // the others survive

    f.urls.remove("fn", "");
    CHECK(f.urls.deleted(plain->url_id)->reason == "DeleteFunctionUrlConfig");
    CHECK(f.urls.get("fn", "beta") == beta);

    f.registry.delete_function(ref("fn"));
    CHECK(f.urls.find_by_id(beta->url_id) == nullptr);
    CHECK(f.urls.deleted(beta->url_id)->reason == "function fn was deleted");
    CHECK(f.urls.snapshot().empty());
    CHECK_FALSE(f.urls.deleted("0123456789abcdefghijklmnopqrstuv"));
}

TEST_CASE("ListFunctionUrlConfigs pages by FunctionArn", "[unit][function_url]") {
    UrlFixture f;
    f.create("fn");
    f.create("other");
    f.alias("fn", "b", "$LATEST");
    f.alias("fn", "a", "$LATEST");
    f.urls.create("fn", "b", {});
    f.urls.create("fn", "", {});
    f.urls.create("fn", "a", {});
    f.urls.create("other", "", {});
    auto first = f.urls.list("fn", "", 2);
    REQUIRE(first.items.size() == 2);
    CHECK(first.items[0]->function_arn(kHome) == kArn + "fn");
    CHECK(first.items[1]->function_arn(kHome) == kArn + "fn:a");
    CHECK(first.next_marker == kArn + "fn:a");
    auto second = f.urls.list("fn", first.next_marker, 2);
    REQUIRE(second.items.size() == 1);
    CHECK(second.items[0]->function_arn(kHome) == kArn + "fn:b");
    CHECK(second.next_marker.empty());
    CHECK(f.urls.list("fn", "", 0).items.size() == 3);
}

TEST_CASE("snapshot and restore keep every config", "[unit][function_url]") {
    UrlFixture f;
    f.create("fn");
    auto url = f.urls.create(
        "fn", "", {control::UrlAuthType::AwsIam, control::UrlCors{}, control::UrlInvokeMode::Buffered});
    UrlFixture g;
    g.urls.restore(f.urls.snapshot());
    REQUIRE(g.urls.find_by_id(url->url_id));
    CHECK(g.urls.find_by_id(url->url_id)->auth_type == control::UrlAuthType::AwsIam);
    CHECK(g.urls.find_by_id(url->url_id)->creation_time == url->creation_time);
}

// ---- the event ----

namespace {

sources::apigateway::ProxyRequest get_p() {
    sources::apigateway::ProxyRequest r;
    r.method = "GET";
    r.raw_path = "/p";
    r.raw_query = "x=1";
    r.headers = {{"Host", "127.0.0.1:4566"}, {"User-Agent", "curl/8.0"}, {"Cookie", "a=1; b=2"}};
    r.source_ip = "127.0.0.1";
    r.time = from_epoch_millis(1722641683123);
    return r;
}

control::FunctionUrlConfig url_config(control::UrlAuthType type) {
    control::FunctionUrlConfig c;
    c.url_id = "abcdefghijklmnopqrstuvwxyz012345";
    c.function = "fn";
    c.qualifier = "live";
    c.auth_type = type;
    return c;
}

std::vector<std::string> keys(const nlohmann::ordered_json& object) {
    std::vector<std::string> out;
    for (const auto& [key, value] : object.items()) {
        out.push_back(key);
    }
    return out;
}

}  // namespace

TEST_CASE("a NONE URL's event is payload 2.0 with the URL placeholders", "[unit][function_url]") {
    auto context = sources::lambda_url::url_event_context(url_config(control::UrlAuthType::None), kHome,
                                                          std::nullopt, "rid-1");
    const std::string text = sources::lambda_url::build_url_event(get_p(), context);
    auto ordered = nlohmann::ordered_json::parse(text);
    json e = json::parse(text);
    CHECK(keys(ordered) == std::vector<std::string>{"version", "routeKey", "rawPath", "rawQueryString",
                                                    "cookies", "headers", "queryStringParameters",
                                                    "requestContext", "isBase64Encoded"});
    CHECK(e["version"] == "2.0");
    CHECK(e["routeKey"] == "$default");
    CHECK(e["rawPath"] == "/p");
    CHECK(e["rawQueryString"] == "x=1");
    CHECK(e["cookies"] == json::array({"a=1", "b=2"}));
    CHECK(e["headers"] == json{{"host", "127.0.0.1:4566"}, {"user-agent", "curl/8.0"}});
    CHECK(e["queryStringParameters"] == json{{"x", "1"}});
    CHECK(e["isBase64Encoded"] == false);
    const auto& rc = e["requestContext"];
    CHECK(keys(ordered["requestContext"]) ==
          std::vector<std::string>{"accountId", "apiId", "domainName", "domainPrefix", "http", "requestId",
                                   "routeKey", "stage", "time", "timeEpoch"});
    CHECK(rc["accountId"] == "anonymous");
    CHECK(rc["apiId"] == "abcdefghijklmnopqrstuvwxyz012345");
    CHECK(rc["domainName"] == "abcdefghijklmnopqrstuvwxyz012345.lambda-url.us-east-1.on.aws");
    CHECK(rc["domainPrefix"] == "abcdefghijklmnopqrstuvwxyz012345");
    CHECK(rc["http"] == json{{"method", "GET"},
                             {"path", "/p"},
                             {"protocol", "HTTP/1.1"},
                             {"sourceIp", "127.0.0.1"},
                             {"userAgent", "curl/8.0"}});
    CHECK(rc["requestId"] == "rid-1");
    CHECK(rc["routeKey"] == "$default");
    CHECK(rc["stage"] == "$default");
    CHECK(rc["time"] == "02/Aug/2024:23:34:43 +0000");
    CHECK(rc["timeEpoch"] == 1722641683123);
}

TEST_CASE("an AWS_IAM URL's event names the signer in authorizer.iam", "[unit][function_url]") {
    auto signer = sources::lambda_url::signer_for("111122223333", kHome);
    auto context = sources::lambda_url::url_event_context(url_config(control::UrlAuthType::AwsIam), kHome,
                                                          signer, "rid-2");
    sources::apigateway::ProxyRequest post = get_p();
    post.method = "POST";
    post.headers = {{"Content-Type", "application/octet-stream"}};
    post.body = std::string("\x00\x01\xff", 3);
    const std::string text = sources::lambda_url::build_url_event(post, context);
    json e = json::parse(text);
    const auto& rc = e["requestContext"];
    CHECK(keys(nlohmann::ordered_json::parse(text)["requestContext"]) ==
          std::vector<std::string>{"accountId", "apiId", "authentication", "authorizer", "domainName",
                                   "domainPrefix", "http", "requestId", "routeKey", "stage", "time",
                                   "timeEpoch"});
    CHECK(rc["accountId"] == "000000000000");  // the function's account
    CHECK(rc["authentication"].is_null());
    CHECK(rc["authorizer"] == json{{"iam",
                                    {{"accessKey", "111122223333"},
                                     {"accountId", "111122223333"},
                                     {"callerId", "111122223333"},
                                     {"cognitoIdentity", nullptr},
                                     {"principalOrgId", nullptr},
                                     {"userArn", "arn:aws:iam::111122223333:root"},
                                     {"userId", "111122223333"}}}});
    CHECK(e["body"] == "AAH/");
    CHECK(e["isBase64Encoded"] == true);
}

// ---- CORS ----

TEST_CASE("CORS headers follow the URL's Cors config", "[unit][function_url]") {
    using namespace sources::lambda_url;
    control::UrlCors cors;
    cors.allow_origins = std::vector<std::string>{"https://app.example.com"};
    cors.allow_methods = std::vector<std::string>{"GET", "POST"};
    cors.allow_headers = std::vector<std::string>{"content-type", "x-custom"};
    cors.expose_headers = std::vector<std::string>{"x-total"};
    cors.max_age = 300;
    CorsRequest pre{"OPTIONS", "https://app.example.com", "POST", "content-type"};
    CHECK(is_preflight(pre));
    CHECK(preflight_headers(cors, pre) ==
          HeaderList{{"access-control-allow-origin", "https://app.example.com"},
                     {"access-control-expose-headers", "x-total"},
                     {"access-control-allow-methods", "GET,POST"},
                     {"access-control-allow-headers", "content-type,x-custom"},
                     {"access-control-max-age", "300"}});
    CorsRequest other_origin{"OPTIONS", "https://evil.example.com", "POST", ""};
    CHECK(preflight_headers(cors, other_origin).empty());
    CorsRequest other_method{"OPTIONS", "https://app.example.com", "DELETE", ""};
    CHECK(preflight_headers(cors, other_method).empty());
    CHECK_FALSE(is_preflight(CorsRequest{"OPTIONS", "https://app.example.com", "", ""}));
    CHECK_FALSE(is_preflight(CorsRequest{"POST", "https://app.example.com", "POST", ""}));

    CorsRequest get{"GET", "https://APP.example.com", "", ""};  // origins compare case-insensitively
    CHECK(response_headers(cors, get) ==
          HeaderList{{"access-control-allow-origin", "https://APP.example.com"},
                     {"access-control-expose-headers", "x-total"}});
    CHECK(response_headers(cors, CorsRequest{"GET", "", "", ""}).empty());

    control::UrlCors any;
    any.allow_origins = std::vector<std::string>{"*"};
    any.allow_methods = std::vector<std::string>{"*"};
    CHECK(response_headers(any, get) == HeaderList{{"access-control-allow-origin", "*"}});
    CHECK(preflight_headers(any, CorsRequest{"OPTIONS", "https://x", "PATCH", ""}) ==
          HeaderList{{"access-control-allow-origin", "*"}, {"access-control-allow-methods", "*"}});
    any.allow_credentials = true;  // with credentials the origin is echoed, never "*"
    CHECK(response_headers(any, get) == HeaderList{{"access-control-allow-origin", "https://APP.example.com"},
                                                   {"access-control-allow-credentials", "true"}});
    CHECK(is_cors_header("Access-Control-Allow-Origin"));
    CHECK_FALSE(is_cors_header("content-type"));
}

// ---- who calls and what the policy must allow ----

namespace {

control::Statement url_statement(std::string sid, std::string action, std::string resource,
                                 control::Condition condition, std::string principal = "*") {
    control::Statement s;
    s.sid = std::move(sid);
    s.principal = *control::principal_from_text(principal);
    s.action = std::move(action);
    s.resource = std::move(resource);
    s.conditions = {std::move(condition)};
    return s;
}

// What the Invoker decides for `caller` on `arn` under `policy`: the first refused check, or "".
std::string first_refusal(const invoke::Caller& caller, const control::Policy& policy,
                          const std::string& arn) {
    for (const invoke::Caller& check : invoke::required_checks(caller)) {
        if (!check.is_service()) {
            continue;  // trusted
        }
        control::Decision d = control::PermissionChecker::check(&policy, invoke::access_request(check), arn);
        if (!d.allowed) {
            return check.action + ": " + d.reason;
        }
    }
    return "";
}

const control::Condition kAuthNone{"StringEquals", "lambda:FunctionUrlAuthType", "NONE"};
const control::Condition kViaUrl{"Bool", "lambda:InvokedViaFunctionUrl", "true"};

}  // namespace

TEST_CASE("a URL needs InvokeFunctionUrl and InvokeFunction via the URL on its own ARN",
          "[unit][function_url]") {
    using sources::lambda_url::url_caller;
    const std::string live = kArn + "fn:live";
    invoke::Caller caller = url_caller(control::UrlAuthType::None, std::nullopt, kHome, false);
    CHECK(caller.principal == "*");
    CHECK(caller.action == "lambda:InvokeFunctionUrl");
    CHECK(caller.source == "function-url");
    CHECK(caller.context == std::map<std::string, std::string>{{"lambda:FunctionUrlAuthType", "NONE"}});
    auto checks = invoke::required_checks(caller);
    REQUIRE(checks.size() == 2);
    CHECK(checks[1].action == "lambda:InvokeFunction");
    CHECK(checks[1].context == std::map<std::string, std::string>{{"lambda:FunctionUrlAuthType", "NONE"},
                                                                  {"lambda:InvokedViaFunctionUrl", "true"}});

    control::Policy both;
    both.statements = {
        url_statement("FunctionURLAllowPublicAccess", "lambda:InvokeFunctionUrl", live, kAuthNone),
        url_statement("FunctionURLAllowInvokeAction", "lambda:InvokeFunction", live, kViaUrl)};
    CHECK(first_refusal(caller, both, live).empty());

    control::Policy url_only;
    url_only.statements = {both.statements[0]};
    CHECK(first_refusal(caller, url_only, live) ==
          "lambda:InvokeFunction: statement FunctionURLAllowPublicAccess: action lambda:InvokeFunctionUrl "
          "does not "
          "cover lambda:InvokeFunction");
    CHECK(first_refusal(url_caller(control::UrlAuthType::None, std::nullopt, kHome, true), url_only, live)
              .empty());

    control::Policy on_version;  // statements on fn:6 never admit fn:live
    on_version.statements = {url_statement("u", "lambda:InvokeFunctionUrl", kArn + "fn:6", kAuthNone),
                             url_statement("i", "lambda:InvokeFunction", kArn + "fn:6", kViaUrl)};
    CHECK(first_refusal(caller, on_version, live) ==
          "lambda:InvokeFunctionUrl: statement u: resource " + kArn + "fn:6 is not the invoked " + live +
              "; statement i: resource " + kArn + "fn:6 is not the invoked " + live);

    // An invoke statement without the via-URL condition also admits the URL (the condition only narrows).
    control::Policy plain_invoke;
    plain_invoke.statements = {both.statements[0]};
    plain_invoke.statements.push_back(url_statement("i", "lambda:InvokeFunction", live, kAuthNone));
    CHECK(first_refusal(caller, plain_invoke, live).empty());
}

TEST_CASE("AWS_IAM callers: own account trusted, other accounts by policy", "[unit][function_url]") {
    using namespace sources::lambda_url;
    CHECK(sigv4_access_key("AWS4-HMAC-SHA256 Credential=test/20240101/us-east-1/lambda/aws4_request, "
                           "SignedHeaders=host;x-amz-date, Signature=abc") == "test");
    CHECK_FALSE(sigv4_access_key("Bearer xyz"));
    CHECK_FALSE(sigv4_access_key("AWS4-HMAC-SHA256 SignedHeaders=host"));
    CHECK(credential_access_key("AKIAEXAMPLE/20240101/us-east-1/lambda/aws4_request") == "AKIAEXAMPLE");
    CHECK(account_for_access_key("test", kHome) == "000000000000");
    CHECK(account_for_access_key("111122223333", kHome) == "111122223333");

    const std::string fn = kArn + "fn";
    invoke::Caller own = url_caller(control::UrlAuthType::AwsIam, signer_for("test", kHome), kHome, false);
    CHECK_FALSE(own.is_service());
    CHECK(own.context.at("lambda:FunctionUrlAuthType") == "AWS_IAM");
    CHECK(first_refusal(own, control::Policy{}, fn).empty());

    invoke::Caller other =
        url_caller(control::UrlAuthType::AwsIam, signer_for("111122223333", kHome), kHome, false);
    CHECK(other.principal == "arn:aws:iam::111122223333:root");
    const control::Condition iam{"StringEquals", "lambda:FunctionUrlAuthType", "AWS_IAM"};
    control::Policy granted;
    granted.statements = {url_statement("u", "lambda:InvokeFunctionUrl", fn, iam, "111122223333"),
                          url_statement("i", "lambda:InvokeFunction", fn, kViaUrl, "111122223333")};
    CHECK(first_refusal(other, granted, fn).empty());
    invoke::Caller third =
        url_caller(control::UrlAuthType::AwsIam, signer_for("444455556666", kHome), kHome, false);
    CHECK(first_refusal(third, granted, fn).starts_with("lambda:InvokeFunctionUrl: statement u: principal"));
}

// ---- request forms and the Qualifier rule ----

TEST_CASE("the data plane claims /_aws/lambda-url/ID/... and Host ID.lambda-url.*", "[unit][function_url]") {
    using routers::lambda_url::parse_url_target;
    auto path_form = parse_url_target(http::Request::make("GET", "/_aws/lambda-url/abc123/p/q?x=1"));
    REQUIRE(path_form);
    CHECK(path_form->url_id == "abc123");
    CHECK(path_form->path == "/p/q");
    CHECK(parse_url_target(http::Request::make("GET", "/_aws/lambda-url/abc123"))->path == "/");
    CHECK_FALSE(parse_url_target(http::Request::make("GET", "/_aws/lambda-url/ABC/")));
    CHECK_FALSE(parse_url_target(http::Request::make("GET", "/2021-10-31/functions/fn/url")));

    http::Request host_form = http::Request::make("POST", "/items/1");
    host_form.headers.set("Host", "abc123.lambda-url.us-east-1.localhost:4566");
    auto by_host = parse_url_target(host_form);
    REQUIRE(by_host);
    CHECK(by_host->url_id == "abc123");
    CHECK(by_host->path == "/items/1");
    host_form.headers.set("Host", "bucket.s3.localhost:4566");
    CHECK_FALSE(parse_url_target(host_form));
}

TEST_CASE("URL operations take an alias as Qualifier, never a version or $LATEST", "[unit][function_url]") {
    auto target = [](std::string name, std::optional<std::string> qualifier) {
        http::Request r = http::Request::make(
            "GET", "/2021-10-31/functions/" + name + "/url" + (qualifier ? "?Qualifier=" + *qualifier : ""));
        r.params["FunctionName"] = name;
        return routers::lambda::url_target(r, kHome);
    };
    const std::string pattern = "((?!^\\d+$)^[0-9a-zA-Z-_]+$)";
    require_error(
        [&] { target("fn", "1"); }, ErrorCode::Validation,
        "1 validation error detected: Value '1' at 'qualifier' failed to satisfy constraint: Member must "
        "satisfy regular expression pattern: " +
            pattern);
    require_error(
        [&] { target("fn", "%24LATEST"); }, ErrorCode::Validation,
        "1 validation error detected: Value '$LATEST' at 'qualifier' failed to satisfy constraint: Member "
        "must satisfy regular expression pattern: " +
            pattern);
    require_error(
        [&] { target("fn:7", std::nullopt); }, ErrorCode::Validation,
        "1 validation error detected: Value '7' at 'qualifier' failed to satisfy constraint: Member must "
        "satisfy regular expression pattern: " +
            pattern);
    CHECK(target("fn", "live").alias == "live");
    CHECK(target("fn", "live").function == "fn");
    CHECK(target("fn:live", std::nullopt).alias == "live");
    CHECK(target("fn", std::nullopt).alias.empty());
}

TEST_CASE("URL config responses: Create has no LastModifiedTime, Get adds InvokeMode",
          "[unit][function_url]") {
    control::FunctionUrlConfig c = url_config(control::UrlAuthType::None);
    c.creation_time = TimePoint{std::chrono::microseconds(1722641683123456)};
    c.last_modified_time = c.creation_time;
    auto created = routers::lambda::encode_url_config(c, kHome, routers::lambda::UrlShape::Create);
    CHECK(created.dump() ==
          R"({"FunctionUrl":"https://abcdefghijklmnopqrstuvwxyz012345.lambda-url.us-east-1.on.aws/",)"
          R"("FunctionArn":"arn:aws:lambda:us-east-1:000000000000:function:fn:live","AuthType":"NONE",)"
          R"("CreationTime":"2024-08-02T23:34:43.123456Z"})");
    c.cors = control::UrlCors{};
    c.cors->allow_origins = std::vector<std::string>{"*"};
    c.cors->max_age = 10;
    auto full = routers::lambda::encode_url_config(c, kHome, routers::lambda::UrlShape::Full);
    CHECK(full.dump() ==
          R"({"FunctionUrl":"https://abcdefghijklmnopqrstuvwxyz012345.lambda-url.us-east-1.on.aws/",)"
          R"("FunctionArn":"arn:aws:lambda:us-east-1:000000000000:function:fn:live","AuthType":"NONE",)"
          R"("Cors":{"AllowOrigins":["*"],"MaxAge":10},"CreationTime":"2024-08-02T23:34:43.123456Z",)"
          R"("LastModifiedTime":"2024-08-02T23:34:43.123456Z","InvokeMode":"BUFFERED"})");
    c.invoke_mode = control::UrlInvokeMode::ResponseStream;
    CHECK(routers::lambda::encode_url_config(c, kHome, routers::lambda::UrlShape::Create)["InvokeMode"] ==
          "RESPONSE_STREAM");
}
