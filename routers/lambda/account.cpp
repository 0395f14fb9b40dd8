// GetAccountSettings.

#include "routers/lambda/handlers.hpp"
#include "routers/lambda/settings_codec.hpp"

namespace lemu::routers::lambda::handlers {

http::Response get_account_settings(http::Request&, LambdaContext& ctx) {
    return json_response(200, encode_account_settings(ctx.functions.usage(), ctx.layers.total_code_size()));
}

}  // namespace lemu::routers::lambda::handlers
