#include "emulator/control/permission_checker.hpp"

#include <catch2/catch.hpp>

using namespace lemu::control;

namespace {

const std::string kFn = "arn:aws:lambda:us-east-1:000000000000:function:fn";

Statement service_statement(std::string sid, std::string service, std::string resource,
                            std::vector<Condition> conditions = {}) {
    Statement s;
    s.sid = std::move(sid);
    s.principal = Principal{Principal::Kind::Service, std::move(service)};
    s.action = "lambda:InvokeFunction";
    s.resource = std::move(resource);
    s.conditions = std::move(conditions);
    return s;
}

AccessRequest s3_request(std::string bucket = "arn:aws:s3:::bucket", std::string account = "000000000000") {
    AccessRequest r;
    r.principal = "s3.amazonaws.com";
    r.source_arn = std::move(bucket);
    r.source_account = std::move(account);
    return r;
}

Policy policy_of(std::vector<Statement> statements) {
    Policy p;
    p.statements = std::move(statements);
    p.revision_id = "r";
    return p;
}

}  // namespace

TEST_CASE("no policy denies with a reason", "[unit][permission]") {
    Decision d = PermissionChecker::check(nullptr, s3_request(), kFn);
    CHECK_FALSE(d.allowed);
    CHECK(d.reason == "no resource policy is attached to " + kFn);
    Policy empty;
    CHECK_FALSE(PermissionChecker::check(&empty, s3_request(), kFn).allowed);
}

TEST_CASE("scope is the exact ARN invoked, in every direction", "[unit][permission]") {
    const std::string v1 = kFn + ":1";
    const std::string v2 = kFn + ":2";
    const std::string live = kFn + ":live";
    const std::string latest = kFn + ":$LATEST";
    Policy on_unqualified = policy_of({service_statement("s", "s3.amazonaws.com", kFn)});
    Policy on_v1 = policy_of({service_statement("s", "s3.amazonaws.com", v1)});
    Policy on_live = policy_of({service_statement("s", "s3.amazonaws.com", live)});

    CHECK(PermissionChecker::check(&on_unqualified, s3_request(), kFn).allowed);
    CHECK_FALSE(PermissionChecker::check(&on_unqualified, s3_request(), v1).allowed);
    CHECK_FALSE(PermissionChecker::check(&on_unqualified, s3_request(), live).allowed);
    CHECK_FALSE(PermissionChecker::check(&on_unqualified, s3_request(), latest).allowed);

    CHECK(PermissionChecker::check(&on_v1, s3_request(), v1).allowed);
    CHECK_FALSE(PermissionChecker::check(&on_v1, s3_request(), v2).allowed);
    CHECK_FALSE(PermissionChecker::check(&on_v1, s3_request(), kFn).allowed);
    CHECK_FALSE(PermissionChecker::check(&on_v1, s3_request(), live).allowed);

    CHECK(PermissionChecker::check(&on_live, s3_request(), live).allowed);
    CHECK_FALSE(PermissionChecker::check(&on_live, s3_request(), v1).allowed);
    CHECK_FALSE(PermissionChecker::check(&on_live, s3_request(), kFn).allowed);

    Decision d = PermissionChecker::check(&on_v1, s3_request(), v2);
    CHECK(d.reason == "statement s: resource " + v1 + " is not the invoked " + v2);
}

TEST_CASE("principals: service, account root, IAM ARN and *", "[unit][permission]") {
    AccessRequest apigw;
    apigw.principal = "apigateway.amazonaws.com";
    Policy s3_only = policy_of({service_statement("s3", "s3.amazonaws.com", kFn)});
    Decision denied = PermissionChecker::check(&s3_only, apigw, kFn);
    CHECK_FALSE(denied.allowed);
    CHECK(denied.reason ==
          "statement s3: principal s3.amazonaws.com does not match caller 'apigateway.amazonaws.com'");

    Statement account = service_statement("acct", "", kFn);
    account.principal = *principal_from_text("111122223333");
    CHECK(account.principal.value == "arn:aws:iam::111122223333:root");
    Policy by_account = policy_of({account});
    AccessRequest user;
    user.principal = "arn:aws:iam::111122223333:user/alice";
    CHECK(PermissionChecker::check(&by_account, user, kFn).allowed);
    user.principal = "111122223333";
    CHECK(PermissionChecker::check(&by_account, user, kFn).allowed);
    user.principal = "arn:aws:iam::444455556666:user/alice";
    CHECK_FALSE(PermissionChecker::check(&by_account, user, kFn).allowed);
    CHECK_FALSE(PermissionChecker::check(&by_account, apigw, kFn).allowed);

    Statement exact = service_statement("user", "", kFn);
    exact.principal = *principal_from_text("arn:aws:iam::111122223333:user/bob");
    Policy by_user = policy_of({exact});
    user.principal = "arn:aws:iam::111122223333:user/bob";
    CHECK(PermissionChecker::check(&by_user, user, kFn).allowed);
    user.principal = "arn:aws:iam::111122223333:user/alice";
    CHECK_FALSE(PermissionChecker::check(&by_user, user, kFn).allowed);

    Statement anyone = service_statement("any", "", kFn);
    anyone.principal = *principal_from_text("*");
    Policy open = policy_of({anyone});
    CHECK(PermissionChecker::check(&open, apigw, kFn).allowed);
    CHECK(PermissionChecker::check(&open, AccessRequest{}, kFn).allowed);

    CHECK_FALSE(principal_from_text("not a principal"));
    CHECK_FALSE(principal_from_text("12345"));
    CHECK(principal_from_text("events.amazonaws.com")->kind == Principal::Kind::Service);
}

TEST_CASE("actions: exact, lambda:*, *, and InvokeFunctionUrl is its own action", "[unit][permission]") {
    Statement s = service_statement("s", "s3.amazonaws.com", kFn);
    AccessRequest r = s3_request();
    for (const char* action : {"lambda:InvokeFunction", "lambda:*", "*", "LAMBDA:invokefunction"}) {
        s.action = action;
        Policy p = policy_of({s});
        CHECK(PermissionChecker::check(&p, r, kFn).allowed);
    }
    s.action = "lambda:InvokeFunctionUrl";
    Policy url_only = policy_of({s});
    Decision d = PermissionChecker::check(&url_only, r, kFn);
    CHECK_FALSE(d.allowed);
    CHECK(d.reason == "statement s: action lambda:InvokeFunctionUrl does not cover lambda:InvokeFunction");
    r.action = "lambda:InvokeFunctionUrl";
    CHECK(PermissionChecker::check(&url_only, r, kFn).allowed);
    s.action = "lambda:GetFunction";
    Policy other = policy_of({s});
    CHECK_FALSE(PermissionChecker::check(&other, r, kFn).allowed);
}

TEST_CASE("ArnLike globs each ARN component", "[unit][permission]") {
    const std::string api = "arn:aws:execute-api:us-east-1:000000000000:a1b2c3";
    CHECK(arn_like(api + "/*/GET/items", api + "/prod/GET/items"));
    CHECK(arn_like(api + "/*/GET/items", api + "/test-invoke-stage/GET/items"));
    CHECK_FALSE(arn_like(api + "/*/GET/items", api + "/prod/GET/items/1"));
    CHECK_FALSE(arn_like(api + "/*/GET/items", api + "/prod/POST/items"));
    CHECK(arn_like(api + "/*", api + "/prod/GET/items/1"));
    CHECK(arn_like(api + "/*/*/items/*", api + "/prod/GET/items/{id}"));
    CHECK(arn_like(api + "/prod/?ET/items", api + "/prod/GET/items"));
    CHECK_FALSE(arn_like(api + "/prod/?ET/items", api + "/prod/POST/items"));
    CHECK(arn_like("arn:aws:s3:::my-bucket", "arn:aws:s3:::my-bucket"));
    CHECK_FALSE(arn_like("arn:aws:s3:::my-bucket", "arn:aws:s3:::my-bucket-2"));
    CHECK(arn_like("arn:aws:s3:::my-*", "arn:aws:s3:::my-bucket-2"));
    CHECK_FALSE(arn_like("arn:aws:s3:::My-Bucket", "arn:aws:s3:::my-bucket"));  // case-sensitive
    // '*' does not cross component boundaries before the resource part.
    CHECK_FALSE(arn_like("arn:aws:*", "arn:aws:s3:::bucket"));
    CHECK(arn_like("arn:aws:*:*:*:*", "arn:aws:s3:::bucket"));
    CHECK(arn_like("arn:*:execute-api:*:000000000000:a1b2c3/*", api + "/prod/GET/"));
    CHECK_FALSE(arn_like("arn:aws:execute-api:*:111111111111:a1b2c3/*", api + "/prod/GET/"));
    CHECK_FALSE(arn_like("not-an-arn", "not-an-arn"));
}

TEST_CASE("conditions: ArnLike, StringEquals, Bool, and absent keys", "[unit][permission]") {
    Statement s = service_statement("s3", "s3.amazonaws.com", kFn,
                                    {{"ArnLike", "AWS:SourceArn", "arn:aws:s3:::bucket"},
                                     {"StringEquals", "AWS:SourceAccount", "000000000000"}});
    Policy p = policy_of({s});
    CHECK(PermissionChecker::check(&p, s3_request(), kFn).allowed);
    CHECK_FALSE(PermissionChecker::check(&p, s3_request("arn:aws:s3:::other"), kFn).allowed);
    Decision wrong_account =
        PermissionChecker::check(&p, s3_request("arn:aws:s3:::bucket", "111111111111"), kFn);
    CHECK_FALSE(wrong_account.allowed);
    CHECK(wrong_account.reason ==
          "statement s3: condition StringEquals AWS:SourceAccount expects '000000000000' but the request has "
          "'111111111111'");
    Decision absent = PermissionChecker::check(&p, s3_request("arn:aws:s3:::bucket", ""), kFn);
    CHECK_FALSE(absent.allowed);
    CHECK(
        absent.reason ==
        "statement s3: condition StringEquals AWS:SourceAccount requires a value the request does not carry");
    CHECK_FALSE(PermissionChecker::check(&p, s3_request("", "000000000000"), kFn).allowed);

    Statement url;
    url.sid = "url";
    url.principal = *principal_from_text("*");
    url.action = "lambda:InvokeFunctionUrl";
    url.resource = kFn;
    url.conditions = {{"StringEquals", "lambda:FunctionUrlAuthType", "NONE"}};
    Statement via_url = url;
    via_url.sid = "via";
    via_url.action = "lambda:InvokeFunction";
    via_url.conditions = {{"Bool", "lambda:InvokedViaFunctionUrl", "true"}};
    Policy urls = policy_of({url, via_url});
    AccessRequest r;
    r.action = "lambda:InvokeFunctionUrl";
    r.context = {{"lambda:FunctionUrlAuthType", "NONE"}};
    CHECK(PermissionChecker::check(&urls, r, kFn).matched_sid == "url");
    r.context = {{"lambda:FunctionUrlAuthType", "AWS_IAM"}};
    CHECK_FALSE(PermissionChecker::check(&urls, r, kFn).allowed);
    r.action = "lambda:InvokeFunction";
    r.context = {{"Lambda:InvokedViaFunctionUrl", "TRUE"}};  // keys and Bool values are case-insensitive
    CHECK(PermissionChecker::check(&urls, r, kFn).matched_sid == "via");
    r.context.clear();
    CHECK_FALSE(PermissionChecker::check(&urls, r, kFn).allowed);
}

TEST_CASE("the first matching statement of several wins; reasons list every statement",
          "[unit][permission]") {
    Policy p = policy_of({service_statement("apigw", "apigateway.amazonaws.com", kFn),
                          service_statement("s3-other", "s3.amazonaws.com", kFn,
                                            {{"ArnLike", "AWS:SourceArn", "arn:aws:s3:::other"}}),
                          service_statement("s3", "s3.amazonaws.com", kFn,
                                            {{"ArnLike", "AWS:SourceArn", "arn:aws:s3:::bucket"}})});
    Decision d = PermissionChecker::check(&p, s3_request(), kFn);
    CHECK(d.allowed);
    CHECK(d.matched_sid == "s3");
    Decision denied = PermissionChecker::check(&p, s3_request("arn:aws:s3:::third"), kFn);
    CHECK_FALSE(denied.allowed);
    CHECK(denied.reason.find("statement apigw: principal") == 0);
    CHECK(denied.reason.find(
              "; statement s3-other: condition ArnLike AWS:SourceArn expects 'arn:aws:s3:::other'") !=
          std::string::npos);
    CHECK(denied.reason.find("; statement s3: condition ArnLike") != std::string::npos);
}

TEST_CASE("glob_match basics", "[unit][permission]") {
    CHECK(glob_match("*", ""));
    CHECK(glob_match("a*c", "abbbc"));
    CHECK(glob_match("a*c", "ac"));
    CHECK_FALSE(glob_match("a?c", "ac"));
    CHECK(glob_match("a?c", "abc"));
    CHECK_FALSE(glob_match("abc", "abcd"));
    CHECK(glob_match("*b*", "aaabaaa"));
    CHECK(glob_match("lambda:*", "LAMBDA:Invoke", true));
    CHECK_FALSE(glob_match("lambda:*", "LAMBDA:Invoke", false));
}
