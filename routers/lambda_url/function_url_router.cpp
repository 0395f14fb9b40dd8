#include "routers/lambda_url/function_url_router.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "emulator/core/log.hpp"
#include "emulator/core/text.hpp"
#include "routers/apigateway/execution.hpp"
#include "sources/apigateway/proxy_response_mapper.hpp"
#include "sources/lambda_url/cors.hpp"
#include "sources/lambda_url/url_caller.hpp"
#include "sources/lambda_url/url_event.hpp"

namespace lemu::routers::lambda_url {
namespace {

namespace url = sources::lambda_url;

constexpr std::string_view kPathPrefix = "/_aws/lambda-url/";
constexpr std::string_view kHostMarker = ".lambda-url.";
constexpr std::string_view kAccessDenied = "AccessDeniedException";
// AWS's bodies (control-plane.md fact 75; LocalStack's AWS-validated test_lambda_url_non_existing_url).
constexpr std::string_view kForbidden =
    R"({"Message":"Forbidden. For troubleshooting Function URL authorization issues, see: https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html"})";
constexpr std::string_view kUnknownUrl = R"({"Message":null})";

const std::shared_ptr<spdlog::logger>& logger() {
    static const auto instance = log::get("function-url");
    return instance;
}

bool is_url_id(std::string_view id) {
    return !id.empty() && id.size() <= 64 &&
           std::all_of(id.begin(), id.end(), [](char c) { return is_digit(c) || (c >= 'a' && c <= 'z'); });
}

http::Response forbidden(std::string_view body) {
    http::Response response = http::Response::json(403, std::string(body));
    response.headers.set("x-amzn-ErrorType", std::string(kAccessDenied));
    return response;
}

http::Response bad_gateway() {
    return http::Response::text(502, "Internal Server Error");
}

url::CorsRequest cors_request(const http::Request& request) {
    url::CorsRequest cors;
    cors.method = request.method;
    cors.origin = std::string(request.header("Origin").value_or(""));
    cors.requested_method = std::string(request.header("Access-Control-Request-Method").value_or(""));
    cors.requested_headers = std::string(request.header("Access-Control-Request-Headers").value_or(""));
    return cors;
}

// The SigV4 signer of the request: the Authorization header or a presigned URL's X-Amz-Credential.
std::optional<url::UrlSigner> signer_of(const http::Request& request, const AccountRegion& home) {
    std::optional<std::string> key;
    if (auto authorization = request.header("Authorization")) {
        key = url::sigv4_access_key(*authorization);
    } else if (auto credential = request.query_param("X-Amz-Credential")) {
        key = url::credential_access_key(*credential);
    }
    if (!key) {
        return std::nullopt;
    }
    return url::signer_for(std::move(*key), home);
}

void apply_cors(const control::UrlCors& cors, const url::CorsRequest& request, http::Response& response) {
    url::HeaderList headers = url::response_headers(cors, request);
    if (headers.empty()) {
        return;
    }
    std::vector<http::Headers::Field> kept;
    for (const auto& field : response.headers.fields()) {
        if (!url::is_cors_header(field.first)) {
            kept.push_back(field);
        }
    }
    http::Headers replaced;
    for (auto& [name, value] : kept) {
        replaced.add(name, std::move(value));
    }
    for (auto& [name, value] : headers) {
        replaced.add(name, std::move(value));
    }
    response.headers = std::move(replaced);
}

// The function's answer as AWS's URL front end maps it (sources.md fact 53).
http::Response respond(const invoke::InvocationResult& result, const std::string& function_arn) {
    if (result.failed()) {
        logger()->warn("{} failed: {} rid={}", function_arn, *result.function_error, result.request_id);
        return bad_gateway();
    }
    sources::apigateway::MappedResult mapped = sources::apigateway::map_v2_result(result.payload);
    if (!mapped.response) {
        logger()->warn("{} returned a malformed response ({}) rid={}", function_arn, mapped.problem,
                       result.request_id);
        return bad_gateway();
    }
    return routers::apigateway::execution::to_http(std::move(*mapped.response));
}

}  // namespace

std::optional<UrlTarget> parse_url_target(const http::Request& head) {
    if (head.path.starts_with(kPathPrefix)) {
        std::string_view rest = std::string_view(head.path).substr(kPathPrefix.size());
        std::size_t slash = rest.find('/');
        std::string_view id = rest.substr(0, slash);
        if (!is_url_id(id)) {
            return std::nullopt;
        }
        return UrlTarget{std::string(id),
                         slash == std::string_view::npos ? "/" : std::string(rest.substr(slash))};
    }
    std::optional<std::string_view> host = head.header("Host");
    if (!host) {
        return std::nullopt;
    }
    std::size_t marker = host->find(kHostMarker);
    if (marker == std::string_view::npos || !is_url_id(host->substr(0, marker))) {
        return std::nullopt;
    }
    return UrlTarget{std::string(host->substr(0, marker)), head.path.empty() ? "/" : head.path};
}

FunctionUrlRouter::FunctionUrlRouter(control::FunctionUrlStore& urls, invoke::FunctionInvoker* invoker,
                                     invoke::DenialLog& denials, Clock& clock, Options options)
    : urls_(urls), invoker_(invoker), denials_(denials), clock_(clock), options_(options) {}

http::Response FunctionUrlRouter::refuse(const http::Request& request, const UrlTarget& target,
                                         std::string target_arn, std::string reason, bool known) const {
    invoke::Denial denial;
    denial.time = clock_.now();
    denial.source = std::string(url::kSource);
    denial.principal = std::string(url::kAnyone);
    denial.action = std::string(url::kInvokeFunctionUrl);
    denial.target_arn = std::move(target_arn);
    denial.policy = denial.target_arn;
    denial.reason = fmt::format("function URL {}: {}", target.url_id, reason);
    denial.request_id = request.request_id;
    logger()->warn("denied {} {} {} -> {} reason=\"{}\" rid={}", request.method, target.url_id, target.path,
                   denial.target_arn, denial.reason, denial.request_id);
    denials_.record(std::move(denial));
    return forbidden(known ? kForbidden : kUnknownUrl);
}

boost::asio::awaitable<http::Response> FunctionUrlRouter::invoke_url(const http::Request& request,
                                                                     const UrlTarget& target,
                                                                     const control::FunctionUrlConfig& config,
                                                                     std::optional<url::UrlSigner> signer) {
    const AccountRegion& home = urls_.home();
    sources::apigateway::ProxyRequest proxy =
        routers::apigateway::execution::proxy_request(request, target.path, clock_.now());
    invoke::InvokeCall call;
    call.function_name = config.function_arn(home);
    call.payload =
        url::build_url_event(proxy, url::url_event_context(config, home, signer, request.request_id));
    call.caller = url::url_caller(config.auth_type, signer, home, options_.legacy_auth);
    call.request_id = request.request_id;
    if (invoker_ == nullptr) {
        logger()->error("no function invoker is wired into this lemu rid={}", request.request_id);
        co_return bad_gateway();
    }
    try {
        auto running = invoker_->invoke(std::move(call));
        invoke::InvocationResult result = co_await std::move(running);
        co_return respond(result, config.function_arn(home));
    } catch (const AwsError& e) {
        if (e.code() == ErrorCode::AccessDenied) {
            co_return forbidden(kForbidden);  // the Invoker recorded the denial
        }
        throw;
    }
}

boost::asio::awaitable<http::Response> FunctionUrlRouter::handle(http::Request& request) {
    std::optional<UrlTarget> target = parse_url_target(request);
    if (!target) {
        co_return forbidden(kUnknownUrl);
    }
    control::FunctionUrlPtr config = urls_.find_by_id(target->url_id);
    if (!config) {
        if (auto gone = urls_.deleted(target->url_id)) {
            co_return refuse(request, *target, gone->function_arn,
                             fmt::format("the URL config was deleted ({})", gone->reason), true);
        }
        co_return refuse(request, *target, "", "no function URL has this id", false);
    }
    const AccountRegion& home = urls_.home();
    url::CorsRequest cors = cors_request(request);
    if (config->cors && url::is_preflight(cors)) {
        http::Response preflight = http::Response::empty(200);
        for (auto& [name, value] : url::preflight_headers(*config->cors, cors)) {
            preflight.headers.add(name, std::move(value));
        }
        co_return preflight;
    }
    std::optional<url::UrlSigner> signer = signer_of(request, home);
    if (config->auth_type == control::UrlAuthType::AwsIam && !signer) {
        co_return refuse(request, *target, config->function_arn(home),
                         "AuthType AWS_IAM needs a SigV4-signed request", true);
    }

    auto invoking = invoke_url(request, *target, *config, signer);
    http::Response response = co_await std::move(invoking);
    if (config->cors) {
        apply_cors(*config->cors, cors, response);
    }
    co_return response;
}

http::Response FunctionUrlRouter::render(const AwsError& error, const http::Request&) const {
    http::Response response =
        http::Response::json(error.http_status(), nlohmann::json{{"Message", error.message()}}.dump());
    response.headers.set("x-amzn-ErrorType", std::string(error.name()));
    return response;
}

}  // namespace lemu::routers::lambda_url
