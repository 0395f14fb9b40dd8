#pragma once
// The function URL data plane on lemu's edge port (sources.md §6, control-plane.md facts 75, 81).
//
// A URL https://URL_ID.lambda-url.REGION.on.aws/PATH is not resolvable locally, so lemu serves it as
//   http://HOST:PORT/_aws/lambda-url/URL_ID/PATH      (any client), and
//   Host: URL_ID.lambda-url.ANYTHING, path /PATH      (clients that can set the Host header).
//
// Per request: find the URL config by id; answer a CORS preflight from the config; build the payload
// 2.0 event with the URL placeholders; invoke the URL's own ARN (fn or fn:alias) through the
// FunctionInvoker as the URL's caller (sources/lambda_url/url_caller.hpp), which checks
// lambda:InvokeFunctionUrl and lambda:InvokeFunction (lambda:InvokedViaFunctionUrl=true) against that
// ARN's resource policy and records any denial; map the result back (statusCode, headers, cookies,
// isBase64Encoded, or a bare JSON value as the body); add the CORS headers.
//
//   unknown URL id                 403 {"Message":null}, x-amzn-ErrorType AccessDeniedException
//   deleted URL (also by alias or
//   function deletion), refused
//   by the policy, IAM unsigned    403 {"Message":"Forbidden. For troubleshooting Function URL ..."}
//   function error, bad result     502 Internal Server Error
// Every 403 is in GET /_lemu/denials.
//
// RESPONSE_STREAM URLs are served buffered. SigV4 signatures of AWS_IAM URLs are not verified (lemu
// has no secret keys); the access key names the caller.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "emulator/control/function_url_store.hpp"
#include "emulator/core/clock.hpp"
#include "emulator/invoke/denial_log.hpp"
#include "emulator/invoke/function_invoker.hpp"
#include "routers/http/router.hpp"
#include "sources/lambda_url/url_caller.hpp"

namespace lemu::routers::lambda_url {

// Function URL requests may carry 6 MB, as synchronous invocations.
inline constexpr std::size_t kUrlBodyLimit = 6 * 1024 * 1024;

struct UrlTarget {
    std::string url_id;
    std::string path;  // raw, starting with '/'
};
// The URL id and path of a request in one of the two forms; nullopt for any other request.
std::optional<UrlTarget> parse_url_target(const http::Request& head);

class FunctionUrlRouter final : public http::Router {
  public:
    struct Options {
        // Require only lambda:InvokeFunctionUrl (AWS's rule for URLs created before 2025-10).
        bool legacy_auth = false;
    };

    // `invoker` may be null until wired; requests then fail with 502.
    FunctionUrlRouter(control::FunctionUrlStore& urls, invoke::FunctionInvoker* invoker,
                      invoke::DenialLog& denials, Clock& clock, Options options);

    std::string_view name() const override { return "function-url"; }
    bool matches(const http::Request& head) const override { return parse_url_target(head).has_value(); }
    std::size_t body_limit(const http::Request&) const override { return kUrlBodyLimit; }
    boost::asio::awaitable<http::Response> handle(http::Request& request) override;
    http::Response render(const AwsError& error, const http::Request& request) const override;

  private:
    boost::asio::awaitable<http::Response> invoke_url(const http::Request& request, const UrlTarget& target,
                                                      const control::FunctionUrlConfig& config,
                                                      std::optional<sources::lambda_url::UrlSigner> signer);
    http::Response refuse(const http::Request& request, const UrlTarget& target, std::string target_arn,
                          std::string reason, bool known) const;

    control::FunctionUrlStore& urls_;
    invoke::FunctionInvoker* invoker_;
    invoke::DenialLog& denials_;
    Clock& clock_;
    Options options_;
};

}  // namespace lemu::routers::lambda_url
