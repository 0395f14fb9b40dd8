// Put/Update/Get/Delete/ListFunctionEventInvokeConfig(s): stored per qualifier; no qualifier is $LATEST.

#include "routers/lambda/handlers.hpp"
#include "routers/lambda/request_names.hpp"
#include "routers/lambda/settings_codec.hpp"

namespace lemu::routers::lambda::handlers {
namespace {

std::string config_arn(const FunctionRef& ref, LambdaContext& ctx) {
    return function_arn(ctx.home(), ref.name,
                        ref.qualifier ? to_string(*ref.qualifier) : std::string(kLatest));
}

}  // namespace

http::Response put_event_invoke_config(http::Request& request, LambdaContext& ctx) {
    FunctionRef ref = function_ref(request, NameGrammar::Namespaced, ctx.home());
    control::EventInvokeConfigPatch config = decode_event_invoke_config(JsonInput::parse(request.body));
    return json_response(200, encode_event_invoke_config(ctx.functions.put_event_invoke_config(ref, config),
                                                         config_arn(ref, ctx)));
}

http::Response update_event_invoke_config(http::Request& request, LambdaContext& ctx) {
    FunctionRef ref = function_ref(request, NameGrammar::Namespaced, ctx.home());
    control::EventInvokeConfigPatch patch = decode_event_invoke_config(JsonInput::parse(request.body));
    return json_response(200, encode_event_invoke_config(ctx.functions.update_event_invoke_config(ref, patch),
                                                         config_arn(ref, ctx)));
}

http::Response get_event_invoke_config(http::Request& request, LambdaContext& ctx) {
    FunctionRef ref = function_ref(request, NameGrammar::Namespaced, ctx.home());
    return json_response(
        200, encode_event_invoke_config(ctx.functions.get_event_invoke_config(ref), config_arn(ref, ctx)));
}

http::Response delete_event_invoke_config(http::Request& request, LambdaContext& ctx) {
    ctx.functions.delete_event_invoke_config(function_ref(request, NameGrammar::Namespaced, ctx.home()));
    return no_content();
}

http::Response list_event_invoke_configs(http::Request& request, LambdaContext& ctx) {
    FunctionRef ref = function_ref_no_qualifier(request, NameGrammar::Namespaced, ctx.home());
    auto page = ctx.functions.list_event_invoke_configs(ref.name, marker(request), max_items(request, 50));
    return json_response(200, encode_event_invoke_page(page, ref.name, ctx.home()));
}

}  // namespace lemu::routers::lambda::handlers
