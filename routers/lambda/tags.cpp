// TagResource, UntagResource, ListTags: tags belong to the unqualified function (fact 86).

#include "emulator/core/aws_error.hpp"
#include "routers/lambda/handlers.hpp"
#include "routers/lambda/request_names.hpp"
#include "routers/lambda/settings_codec.hpp"

namespace lemu::routers::lambda::handlers {

http::Response tag_resource(http::Request& request, LambdaContext& ctx) {
    FunctionRef ref = taggable_function(request, ctx.home());
    ctx.functions.tag(ref, decode_tags(JsonInput::parse(request.body)));
    return no_content();
}

http::Response untag_resource(http::Request& request, LambdaContext& ctx) {
    FunctionRef ref = taggable_function(request, ctx.home());
    ctx.functions.untag(ref, tag_keys(request));
    return no_content();
}

http::Response list_tags(http::Request& request, LambdaContext& ctx) {
    FunctionRef ref = taggable_function(request, ctx.home());
    return json_response(200, encode_tags(ctx.functions.list_tags(ref)));
}

}  // namespace lemu::routers::lambda::handlers
