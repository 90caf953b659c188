#pragma once
// The backend-independent contract suite of storage::Store. A backend runs it with
//   INSTANTIATE_TEST_SUITE_P(MyBackend, StoreContractTest,
//                            ::testing::Values(StoreFactory{"mybackend", make_fresh_store}),
//                            StoreFactoryName{});
// where make_fresh_store returns a new, empty, not yet migrated store (the fixture migrates it).

#include "storage/store.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <ostream>
#include <string>

namespace coursedist::storage::testing {

struct StoreFactory {
    std::string name;
    std::function<std::unique_ptr<Store>()> make;
};

inline void PrintTo(const StoreFactory& factory, std::ostream* os) {
    *os << factory.name;
}

struct StoreFactoryName {
    std::string operator()(const ::testing::TestParamInfo<StoreFactory>& info) const {
        return info.param.name;
    }
};

class StoreContractTest : public ::testing::TestWithParam<StoreFactory> {
  protected:
    void SetUp() override {
        store_ = GetParam().make();
        ASSERT_NE(store_, nullptr);
        store_->migrate();
    }

    std::unique_ptr<Store> store_;
};

}  // namespace coursedist::storage::testing
