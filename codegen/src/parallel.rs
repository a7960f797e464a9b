//! Running independent work on the machine's cores, with the results in input order, so
//! what is made in parallel is byte for byte what a single thread makes.
//!
//! The emitter formats each generated file on its own (tokens, `syn`, `prettyplease`), which
//! is most of `cargo xtask codegen`'s time; [`map`] spreads such items over
//! [`threads()`] scoped threads that take the next item as they finish one (so a few large
//! files do not hold up the rest), and puts every result back at its item's index. Nothing is
//! shared between items but the read-only input. A panic in a worker is resumed on the
//! calling thread, as it would have happened there.

use std::sync::atomic::{AtomicUsize, Ordering};

/// Sets the number of threads (a positive integer; `1` runs everything on the calling
/// thread), e.g. to compare with a single thread. Default: the available parallelism.
pub const THREADS_VAR: &str = "BINDERY_CODEGEN_THREADS";

/// The threads [`map`] uses: [`THREADS_VAR`] when it is a positive integer, else
/// [`std::thread::available_parallelism`] (1 when that is unknown).
pub fn threads() -> usize {
    std::env::var(THREADS_VAR)
        .ok()
        .and_then(|v| v.trim().parse::<usize>().ok())
        .filter(|&n| n > 0)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

/// `f` of every item of `items`, computed on up to [`threads()`] threads, in the order of
/// `items`.
pub fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    map_on(threads(), items, f)
}

/// [`map`] on up to `workers` threads.
fn map_on<T: Sync, R: Send>(workers: usize, items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let workers = workers.min(items.len());
    if workers <= 1 {
        return items.iter().map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let mut slots: Vec<Option<R>> = std::iter::repeat_with(|| None).take(items.len()).collect();
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let index = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(index) else {
                            break;
                        };
                        done.push((index, f(item)));
                    }
                    done
                })
            })
            .collect();
        for handle in handles {
            match handle.join() {
                Ok(done) => {
                    for (index, result) in done {
                        if let Some(slot) = slots.get_mut(index) {
                            *slot = Some(result);
                        }
                    }
                }
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
    });
    slots.into_iter().flatten().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_keep_the_order_of_the_items() {
        let items: Vec<u64> = (0..500).collect();
        // Uneven work, so the threads finish items out of order.
        let out = map_on(4, &items, |&n| {
            let spin = (n % 7) * 1_000;
            (0..spin).fold(n, |acc, k| acc.wrapping_add(k % 3))
                - (0..spin).map(|k| k % 3).sum::<u64>()
        });
        assert_eq!(out, items);
        assert_eq!(map_on(1, &items, |&n| n), items);
        assert!(map_on(4, &[] as &[u8], |&b| b).is_empty());
    }
}
