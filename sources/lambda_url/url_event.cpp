#include "sources/lambda_url/url_event.hpp"

#include "sources/apigateway/proxy_event_builder.hpp"

namespace lemu::sources::lambda_url {

namespace {
constexpr std::string_view kDefault = "$default";
}  // namespace

apigateway::EventContext url_event_context(const control::FunctionUrlConfig& config,
                                           const AccountRegion& home, const std::optional<UrlSigner>& signer,
                                           std::string request_id) {
    apigateway::EventContext event;
    event.home = home;
    event.api_id = config.url_id;
    event.domain_prefix = config.url_id;
    event.domain_name = control::function_url_domain(home, config.url_id);
    event.stage = std::string(kDefault);
    event.route_key = std::string(kDefault);
    event.stage_in_path = false;
    event.request_id = std::move(request_id);
    if (config.auth_type == control::UrlAuthType::None) {
        event.request_account = std::string(kAnonymousAccount);
    } else if (signer) {
        const std::string root = root_arn(signer->account);
        event.iam = apigateway::IamAuthorizer{signer->access_key, signer->account, signer->account, root,
                                              signer->account};
    }
    return event;
}

std::string build_url_event(const apigateway::ProxyRequest& request,
                            const apigateway::EventContext& context) {
    return apigateway::build_http_event_v2(request, context);
}

}  // namespace lemu::sources::lambda_url
