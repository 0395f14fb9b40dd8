#pragma once
// The domain services the Lambda API router translates to. Owned by the composition root (wire()).
// Handlers of further operations (Invoke, durable executions) add what they need here.

#include "emulator/control/code_store.hpp"
#include "emulator/control/function_registry.hpp"
#include "emulator/control/function_url_store.hpp"
#include "emulator/control/layer_registry.hpp"
#include "emulator/core/account_region.hpp"
#include "emulator/core/clock.hpp"
#include "emulator/invoke/function_invoker.hpp"

namespace lemu::sources::esm {
class EsmManager;
}

namespace lemu::routers::lambda {

struct LambdaContext {
    control::FunctionRegistry& functions;
    control::LayerRegistry& layers;
    control::CodeStore& code;
    Clock& clock;
    invoke::FunctionInvoker* invoker = nullptr;  // Invoke; set by the composition root
    control::FunctionUrlStore* urls = nullptr;   // function URL configs; set by the composition root
    sources::esm::EsmManager* esm = nullptr;      // event source mappings; set by the composition root

    const AccountRegion& home() const { return functions.home(); }
};

}  // namespace lemu::routers::lambda
