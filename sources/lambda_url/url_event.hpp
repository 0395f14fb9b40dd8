#pragma once
// The payload 2.0 event of a function URL request: API Gateway's HTTP API event with the URL
// placeholders of sources.md fact 60 (built by sources/apigateway's build_http_event_v2).
//
//   routeKey, requestContext.routeKey, requestContext.stage   "$default"
//   requestContext.apiId, domainPrefix                        the URL id
//   requestContext.domainName                                 URL_ID.lambda-url.REGION.on.aws
//   requestContext.accountId                                  "anonymous" for NONE (as AWS's recorded
//                                                             events show), the function's account for
//                                                             AWS_IAM
//   requestContext.authentication / authorizer                absent for NONE; null and {"iam": {...}} for
//   AWS_IAM rawPath, requestContext.http.path                         the path after the URL's host, no stage
//   pathParameters, stageVariables                            absent

#include <optional>
#include <string>

#include "emulator/control/function_url.hpp"
#include "emulator/core/account_region.hpp"
#include "sources/apigateway/proxy_request.hpp"
#include "sources/lambda_url/url_caller.hpp"

namespace lemu::sources::lambda_url {

inline constexpr std::string_view kAnonymousAccount = "anonymous";

apigateway::EventContext url_event_context(const control::FunctionUrlConfig& config,
                                           const AccountRegion& home, const std::optional<UrlSigner>& signer,
                                           std::string request_id);

// The event's JSON text for `request` (whose raw_path is the path after the URL's host).
std::string build_url_event(const apigateway::ProxyRequest& request, const apigateway::EventContext& context);

}  // namespace lemu::sources::lambda_url
