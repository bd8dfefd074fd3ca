//! Resident memory of this process, read from `/proc/self/status` (Linux): the current RSS and
//! the peak ("high water mark"), which can be reset to measure one phase at a time.

use std::fs;
use std::io;

/// Resident set sizes in KiB, as the kernel reports them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MemoryUsage {
    /// `VmRSS`: resident now.
    pub resident_kib: u64,
    /// `VmHWM`: the peak resident size since start or since [`reset_peak`].
    pub peak_kib: u64,
}

impl MemoryUsage {
    /// The peak in MiB.
    pub fn peak_mib(&self) -> f64 {
        self.peak_kib as f64 / 1024.0
    }

    /// The current size in MiB.
    pub fn resident_mib(&self) -> f64 {
        self.resident_kib as f64 / 1024.0
    }
}

/// Reads one `Name:   1234 kB` line of a `/proc/<pid>/status` text.
fn field_kib(status: &str, name: &str) -> Option<u64> {
    status
        .lines()
        .find_map(|line| line.strip_prefix(name)?.strip_prefix(':'))
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|number| number.parse().ok())
}

/// Parses the memory lines of a `/proc/<pid>/status` text.
pub fn parse_status(status: &str) -> Option<MemoryUsage> {
    Some(MemoryUsage {
        resident_kib: field_kib(status, "VmRSS")?,
        peak_kib: field_kib(status, "VmHWM")?,
    })
}

/// This process's memory, or `None` where `/proc` is not available.
pub fn memory_usage() -> Option<MemoryUsage> {
    parse_status(&fs::read_to_string("/proc/self/status").ok()?)
}

/// The memory of process `pid` (e.g. a spawned bot), or `None` when it cannot be read.
pub fn memory_usage_of(pid: u32) -> Option<MemoryUsage> {
    parse_status(&fs::read_to_string(format!("/proc/{pid}/status")).ok()?)
}

/// Resets this process's peak to its current size (Linux: `5` into `/proc/self/clear_refs`),
/// so the next [`memory_usage`] reports the peak of what follows.
pub fn reset_peak() -> io::Result<()> {
    fs::write("/proc/self/clear_refs", "5")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_lines_are_read_in_kib() {
        let status =
            "Name:\tdossier\nVmPeak:\t  900 kB\nVmHWM:\t   20480 kB\nVmRSS:\t   10240 kB\n";
        let usage = parse_status(status);
        assert_eq!(
            usage,
            Some(MemoryUsage {
                resident_kib: 10_240,
                peak_kib: 20_480
            })
        );
        assert_eq!(usage.map(|usage| usage.peak_mib()), Some(20.0));
        assert_eq!(parse_status("Name:\tx\n"), None);
    }

    #[test]
    fn this_process_has_a_resident_size_no_larger_than_its_peak() {
        if let Some(usage) = memory_usage() {
            assert!(usage.resident_kib > 0);
            assert!(usage.resident_kib <= usage.peak_kib);
        }
    }
}
