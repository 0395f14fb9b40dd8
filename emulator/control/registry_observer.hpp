#pragma once
// Lets other parts (function URL configs, durable executions, execution environment pools) learn that
// a function, a version or an alias went away. Called after the registry lock is released, on the
// thread that made the change; observers must not call back into a mutating registry method.

#include <cstdint>
#include <string>

namespace lemu::control {

class RegistryObserver {
  public:
    virtual ~RegistryObserver() = default;
    virtual void on_function_deleted(const std::string& function) { (void)function; }
    virtual void on_version_deleted(const std::string& function, std::uint64_t version) {
        (void)function;
        (void)version;
    }
    virtual void on_alias_deleted(const std::string& function, const std::string& alias) {
        (void)function;
        (void)alias;
    }
};

}  // namespace lemu::control
