#pragma once
// Starts the real `coursedist` binary for black-box tests: `serve` on 127.0.0.1 with port 0 and a
// port file, waits until /readyz answers, and stops it (SIGTERM, then SIGKILL) when destroyed.
// A sanitizer report in its output (stdout and stderr) fails the running test at destruction, and
// one in the output of run_command() when it returns.

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace coursedist::testing {

// A fresh directory under the build tree, removed at destruction.
class TempDir {
  public:
    TempDir();
    ~TempDir();
    const std::filesystem::path& path() const { return path_; }

  private:
    std::filesystem::path path_;
};

struct ServiceOptions {
    std::string database;  // e.g. "sqlite:/tmp/x/db.sqlite"; required
    std::string admin_token = "test-admin-token";
    std::vector<std::string> extra_args;     // appended after `serve`
    std::map<std::string, std::string> env;  // extra environment variables
};

class ServiceProcess {
  public:
    explicit ServiceProcess(ServiceOptions options);
    ~ServiceProcess();
    ServiceProcess(const ServiceProcess&) = delete;
    ServiceProcess& operator=(const ServiceProcess&) = delete;

    std::uint16_t port() const { return port_; }
    int pid() const { return pid_; }
    const std::string& admin_token() const { return options_.admin_token; }
    std::string auth_header() const { return "Bearer " + options_.admin_token; }
    // Everything the process wrote to stdout and stderr so far.
    std::string output() const;

    void kill_hard();  // SIGKILL and reap
    int terminate();   // SIGTERM, wait, return the exit status
    void restart();    // start again with the same options (new port)

  private:
    void start();
    ServiceOptions options_;
    std::filesystem::path work_dir_;
    int pid_ = -1;
    std::uint16_t port_ = 0;
};

// Runs the binary with the given arguments to completion; returns (exit status, output).
std::pair<int, std::string> run_command(const std::vector<std::string>& args,
                                        const std::map<std::string, std::string>& env = {});

}  // namespace coursedist::testing
