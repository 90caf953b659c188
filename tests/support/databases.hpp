#pragma once
// Fresh databases for black-box tests, per backend.

#include <memory>
#include <string>
#include <vector>

namespace coursedist::testing {

class TestDatabase {
  public:
    virtual ~TestDatabase() = default;
    virtual std::string uri() const = 0;
};

// "sqlite": a file under `dir`. "postgres": a new database on the test cluster
// (COURSEDIST_TEST_POSTGRES_URI, or a private cluster started on first use), dropped at the end.
std::unique_ptr<TestDatabase> make_test_database(const std::string& backend,
                                                 const std::string& dir);
// The backends black-box suites run on.
std::vector<std::string> test_backends();

}  // namespace coursedist::testing
