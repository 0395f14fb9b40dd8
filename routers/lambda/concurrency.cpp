// Put/Get/DeleteFunctionConcurrency: reserved concurrency is function-level (fact 59, 83).

#include "routers/lambda/handlers.hpp"
#include "routers/lambda/request_names.hpp"
#include "routers/lambda/settings_codec.hpp"

namespace lemu::routers::lambda::handlers {

http::Response put_function_concurrency(http::Request& request, LambdaContext& ctx) {
    FunctionRef ref = function_ref_no_qualifier(request, NameGrammar::Plain, ctx.home());
    int reserved = decode_reserved_concurrency(JsonInput::parse(request.body));
    return json_response(200, encode_reserved_concurrency(ctx.functions.put_concurrency(ref, reserved)));
}

http::Response get_function_concurrency(http::Request& request, LambdaContext& ctx) {
    FunctionRef ref = function_ref_no_qualifier(request, NameGrammar::Plain, ctx.home());
    return json_response(200, encode_reserved_concurrency(ctx.functions.get_concurrency(ref)));
}

http::Response delete_function_concurrency(http::Request& request, LambdaContext& ctx) {
    ctx.functions.delete_concurrency(function_ref_no_qualifier(request, NameGrammar::Plain, ctx.home()));
    return no_content();
}

}  // namespace lemu::routers::lambda::handlers
