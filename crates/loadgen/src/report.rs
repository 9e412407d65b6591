//! The figures of one run and their Markdown tables.

use crate::desktop::{Launch, QueueSync};
use crate::machine::{load_average, other_compilers, Machine};
use crate::signin::{Flood, Level};
use std::fmt::Write;

/// Password sign-ins per second per vCPU in Keycloak's sizing guide, the anchor the
/// sign-in figures are compared with.
const KEYCLOAK_SIGN_INS_PER_VCPU: f64 = 15.0;

#[derive(Default)]
pub struct Report {
    command_line: String,
    machine: Option<Machine>,
    max_compilers: usize,
    max_load: f64,
    start_load: f64,
    /// argon2id hashes per second on one core, measured at the start, before the
    /// sign-ins and at the end of the run.
    pub argon2_per_core: Vec<f64>,
    pub sign_in: Vec<Level>,
    pub flood: Option<Flood>,
    pub profile_reads: Option<Level>,
    pub status_reads: Option<Level>,
    pub bare_reads: Option<Level>,
    pub sqlite_registrations: Option<Level>,
    pub postgres_registrations: Option<Level>,
    pub desk_binary_bytes: Option<u64>,
    pub launches: Vec<Launch>,
    pub queue_sync: Option<QueueSync>,
}

fn mib(bytes: u64) -> String {
    format!("{:.1} MiB", bytes as f64 / (1024.0 * 1024.0))
}

impl Report {
    pub fn new(command_line: &str) -> Report {
        let mut report = Report {
            command_line: command_line.to_string(),
            machine: Some(Machine::describe()),
            start_load: load_average(),
            ..Report::default()
        };
        report.sample_load();
        report
    }

    /// Records the busiest moment seen so far: compilers running and load average.
    pub fn sample_load(&mut self) {
        self.max_compilers = self.max_compilers.max(other_compilers());
        self.max_load = self.max_load.max(load_average());
    }

    /// The highest of the measured argon2id rates: the one least slowed by other builds.
    fn argon2_rate(&self) -> f64 {
        self.argon2_per_core.iter().copied().fold(0.0, f64::max)
    }

    pub fn render(&self) -> String {
        let mut out = String::new();
        self.render_context(&mut out);
        self.render_sign_in(&mut out);
        self.render_flood(&mut out);
        self.render_requests(&mut out);
        self.render_desktop(&mut out);
        out
    }

    fn render_context(&self, out: &mut String) {
        let Some(machine) = &self.machine else { return };
        let _ = writeln!(
            out,
            "Command: `{}`. Run on {} on {} cores ({}), {} kB memory (`MemTotal`), Linux {}.",
            self.command_line,
            machine.date,
            machine.cores,
            machine.cpu_model,
            machine.memory_kib,
            machine.kernel
        );
        let _ = writeln!(
            out,
            "The machine was shared with other builds, so the figures are lower than an \
            idle machine would give. The 1-minute load average (`/proc/loadavg`) was {:.2} \
            at the start and reached {:.2} during the run, with up to {} other `rustc` \
            processes at the sampled moments.",
            self.start_load, self.max_load, self.max_compilers
        );
        let _ = writeln!(
            out,
            "Servers ran as `jszg-server` release processes on 127.0.0.1 with SQLite \
            unless stated, started by the load generator, which ran on the same cores.\n"
        );
    }

    fn render_sign_in(&self, out: &mut String) {
        let cores = self.machine.as_ref().map_or(1, |m| m.cores) as f64;
        let rate = self.argon2_rate();
        let ceiling = cores * rate;
        let rates: Vec<String> = self
            .argon2_per_core
            .iter()
            .map(|rate| format!("{rate:.1}"))
            .collect();
        let _ = writeln!(out, "### Sign-in\n");
        let _ = writeln!(
            out,
            "argon2id with the server's parameters (m = 19 MiB, t = 2, p = 1) on one core, \
            measured three times in this run (at the start, before the sign-ins, at the end): \
            {} hashes/s. The highest, **{rate:.1} hashes/s**, is taken as the rate of an \
            unshared core, so {cores} cores allow at most {ceiling:.1} sign-ins/s. Keycloak's \
            sizing guide plans 15 password sign-ins per second per vCPU ({:.0}/s for {cores} \
            vCPUs).\n",
            rates.join(", "),
            KEYCLOAK_SIGN_INS_PER_VCPU * cores
        );
        let _ = writeln!(out, "| concurrency | sign-ins | sign-ins/s | p50 | p99 | of cores × argon2 rate | of Keycloak anchor |");
        let _ = writeln!(out, "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        for level in &self.sign_in {
            let _ = writeln!(
                out,
                "| {} | {} | {:.1} | {:.0} ms | {:.0} ms | {:.0} % | {:.0} % |",
                level.concurrency,
                level.requests,
                level.per_second,
                level.p50_ms,
                level.p99_ms,
                100.0 * level.per_second / ceiling,
                100.0 * level.per_second / (KEYCLOAK_SIGN_INS_PER_VCPU * cores)
            );
        }
        let _ = writeln!(
            out,
            "\nEach sign-in is one `POST /sessions` with a captcha pass solved before the clock \
            started, for one registered account. Besides the hash, a sign-in does a TLS \
            request, database reads and the session insert on the server, and the load \
            generator runs on the same cores, so the ceiling is not reachable on this machine.\n"
        );
    }

    fn render_flood(&self, out: &mut String) {
        let Some(flood) = &self.flood else { return };
        let within = if flood.peak_rss <= flood.bound {
            "within"
        } else {
            "**above**"
        };
        let cores = self.machine.as_ref().map_or(1, |m| m.cores) as f64;
        let _ = writeln!(out, "### Flood of wrong-password sign-ins\n");
        let _ = writeln!(
            out,
            "| sent at once | answered | `sign_in.failed` | first answer | half answered | \
            all answered | drain rate | server RSS before | peak RSS | bound | RSS after |"
        );
        let _ = writeln!(
            out,
            "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
        );
        let _ = writeln!(
            out,
            "| {} | {} | {} | {:.2} s | {:.1} s | {:.1} s | {:.1}/s | {} | {} | {} | {} |\n",
            flood.requests,
            flood.answered,
            flood.rejected_as_failed,
            flood.first_answer_ms / 1000.0,
            flood.median_answer_ms / 1000.0,
            flood.seconds,
            flood.answered as f64 / flood.seconds,
            mib(flood.baseline_rss),
            mib(flood.peak_rss),
            mib(flood.bound),
            mib(flood.after_rss)
        );
        let _ = writeln!(
            out,
            "Unknown document numbers, each checked against the dummy hash, so every request \
            costs one argon2id verification. The hashing semaphore holds {} permits (one per \
            core), so the requests wait in line and drain at most at the hashing rate \
            ({:.1}/s for {cores} cores at the rate above). The load generator's 200 TLS \
            connections and the server's other work share the same cores. The peak RSS of the server process \
            (sampled from `/proc/PID/status` every 5 ms) is {within} the bound: RSS before + \
            {} permits × 19 MiB + 64 MiB for connections and allocator slack.\n",
            flood.permits,
            cores * self.argon2_rate(),
            flood.permits
        );
    }

    fn render_requests(&self, out: &mut String) {
        let _ = writeln!(out, "### Reads and registrations\n");
        let _ = writeln!(
            out,
            "| what | requests | concurrency | requests/s | p50 | p99 |"
        );
        let _ = writeln!(out, "| --- | ---: | ---: | ---: | ---: | ---: |");
        let rows = [
            ("`GET /profile` with a session token", &self.profile_reads),
            (
                "`GET /verification` (verification status) with a session token",
                &self.status_reads,
            ),
            (
                "bare axum handler, same TLS stack, in the load generator",
                &self.bare_reads,
            ),
            ("`POST /accounts` on SQLite", &self.sqlite_registrations),
            (
                "`POST /accounts` on PostgreSQL 15",
                &self.postgres_registrations,
            ),
        ];
        for (name, level) in rows {
            let Some(level) = level else {
                let _ = writeln!(out, "| {name} | not measured | | | | |");
                continue;
            };
            let _ = writeln!(
                out,
                "| {name} | {} | {} | {:.0} | {:.1} ms | {:.1} ms |",
                level.requests, level.concurrency, level.per_second, level.p50_ms, level.p99_ms
            );
        }
        let _ = writeln!(
            out,
            "\nA registration hashes the password once (argon2id), so its rate is bounded by the \
            sign-in ceiling above. Codes were requested before the clock started.\n"
        );
    }

    fn render_desktop(&self, out: &mut String) {
        let _ = writeln!(out, "### Desktop app\n");
        let _ = writeln!(out, "| figure | value |");
        let _ = writeln!(out, "| --- | ---: |");
        if let Some(bytes) = self.desk_binary_bytes {
            let _ = writeln!(out, "| release binary `jszg-desk` | {} |", mib(bytes));
        }
        for (i, launch) in self.launches.iter().enumerate() {
            let run = if i == 0 {
                "first launch".to_string()
            } else {
                format!("launch {}", i + 1)
            };
            let _ = writeln!(
                out,
                "| {run}: start to viewable window (Xvfb) | {:.2} s |",
                launch.window_seconds
            );
            let _ = writeln!(
                out,
                "| {run}: start to first paint (window shows content) | {:.2} s |",
                launch.paint_seconds
            );
            let _ = writeln!(
                out,
                "| {run}: RSS of `jszg-desk` after 5 s idle | {} |",
                mib(launch.idle_rss)
            );
            let _ = writeln!(
                out,
                "| {run}: PSS of `jszg-desk` and its WebKit processes | {} |",
                mib(launch.idle_pss_tree)
            );
        }
        if let Some(sync) = &self.queue_sync {
            let _ = writeln!(
                out,
                "| {} registrations queued offline, then synced | {:.1} s ({:.1}/s) |",
                sync.submissions,
                sync.seconds,
                f64::from(sync.submissions) / sync.seconds
            );
            let _ = writeln!(
                out,
                "| sent / accounts on the server / distinct document numbers | {} / {} / {} |",
                sync.sent, sync.accounts_on_server, sync.distinct_on_server
            );
        }
        let _ = writeln!(
            out,
            "\nThe window counts as shown when `xwininfo` reports a `jszg-desk` window as \
            `IsViewable`, and as painted when a grab of it (`import -window`, ImageMagick) holds \
            at least 32 colours, that is when the page's text has been drawn; a grab takes tens \
            of milliseconds, which bounds the resolution. Each launch has a fresh data folder and \
            no keyring (the app keeps its session in memory then); the binary was just built, \
            so it was in the page cache even for the first launch. \
            The sync worker sends one submission at a time, oldest first, as in the app, and the \
            server's `accounts` table is counted afterwards."
        );
    }
}
