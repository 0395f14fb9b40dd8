#pragma once
// `lemu up --state-dir DIR`: the whole control-plane state (functions, versions, aliases, policies, layers,
// concurrency, tags, async-invoke configs) survives a restart. After every acknowledged change the
// registries' snapshots are written as one JSON document with write_file_atomically() (temp file, fsync,
// rename, fsync dir), so a kill -9 at any moment leaves either the previous or the new state, never one
// that fails to load. Deployment packages are content-addressed files under DIR/code (CodeStore).
//
// Layout: DIR/state.json, DIR/code/...

#include <filesystem>
#include <mutex>
#include <nlohmann/json.hpp>

#include "emulator/control/function_registry.hpp"
#include "emulator/control/layer_registry.hpp"

namespace lemu {

struct ControlState {
    control::RegistrySnapshot functions;
    control::LayerSnapshot layers;
};

// The JSON encoding of the snapshots (format 1). decode_state throws std::runtime_error on a document
// it cannot read.
nlohmann::json encode_state(const ControlState& state);
ControlState decode_state(const nlohmann::json& document);

class StateStore {
  public:
    StateStore(std::filesystem::path dir, control::FunctionRegistry& functions,
               control::LayerRegistry& layers);

    std::filesystem::path state_file() const { return dir_ / "state.json"; }
    // Restores the registries from state.json when it exists (removing leftovers of interrupted writes).
    // Returns false when there was nothing to load. Throws std::runtime_error when the file is unreadable.
    bool load();
    // Writes the current state; serialized, so concurrent callers each persist a state that includes
    // their own change.
    void save();
    // Makes every registry change call save() before the change is acknowledged.
    void attach();

  private:
    std::filesystem::path dir_;
    control::FunctionRegistry& functions_;
    control::LayerRegistry& layers_;
    std::mutex mutex_;
};

}  // namespace lemu
