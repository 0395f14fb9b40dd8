// Create/Get/Update/Delete/ListFunctionUrlConfig(s): one URL per function or alias (control-plane.md
// facts 79-82). The data plane that serves the URLs is routers/lambda_url.

#include "emulator/core/aws_error.hpp"
#include "routers/lambda/handlers.hpp"
#include "routers/lambda/request_names.hpp"
#include "routers/lambda/url_codec.hpp"

namespace lemu::routers::lambda::handlers {
namespace {

control::FunctionUrlStore& url_store(LambdaContext& ctx) {
    if (ctx.urls == nullptr) {
        throw AwsError(ErrorCode::Service, "Function URLs are not available.");
    }
    return *ctx.urls;
}

}  // namespace

http::Response create_function_url_config(http::Request& request, LambdaContext& ctx) {
    UrlTarget target = url_target(request, ctx.home());
    control::FunctionUrlSettings settings = decode_create_url(JsonInput::parse(request.body));
    control::FunctionUrlPtr config =
        url_store(ctx).create(target.function, target.alias, std::move(settings));
    return json_response(201, encode_url_config(*config, ctx.home(), UrlShape::Create));
}

http::Response get_function_url_config(http::Request& request, LambdaContext& ctx) {
    UrlTarget target = url_target(request, ctx.home());
    control::FunctionUrlPtr config = url_store(ctx).get(target.function, target.alias);
    return json_response(200, encode_url_config(*config, ctx.home(), UrlShape::Full));
}

http::Response update_function_url_config(http::Request& request, LambdaContext& ctx) {
    UrlTarget target = url_target(request, ctx.home());
    control::FunctionUrlPatch patch = decode_update_url(JsonInput::parse(request.body));
    control::FunctionUrlPtr config = url_store(ctx).update(target.function, target.alias, patch);
    return json_response(200, encode_url_config(*config, ctx.home(), UrlShape::Full));
}

http::Response delete_function_url_config(http::Request& request, LambdaContext& ctx) {
    UrlTarget target = url_target(request, ctx.home());
    url_store(ctx).remove(target.function, target.alias);
    return no_content();
}

http::Response list_function_url_configs(http::Request& request, LambdaContext& ctx) {
    std::string function = url_list_function(request, ctx.home());
    std::size_t limit = max_items(request, control::kMaxPageSize);
    auto page = url_store(ctx).list(function, marker(request), limit);
    return json_response(200, encode_url_page(page, ctx.home()));
}

}  // namespace lemu::routers::lambda::handlers
