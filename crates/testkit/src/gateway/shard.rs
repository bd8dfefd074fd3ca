//! Discord's shard arithmetic: which shard owns a guild, and guild ids that land on a chosen shard.

use std::fmt;

/// Milliseconds from Discord's epoch (2015-01-01) to 2023-06-01, where made-up guild ids start:
/// far from the ids the fake hands out now and from the builders' default guild.
const MADE_UP_GUILDS_EPOCH_MILLIS: u64 = 265_507_200_000;

/// Discord's most guilds on one shard; a shard that would carry more is refused with close
/// code 4011 (sharding required).
pub const MAX_GUILDS_PER_SHARD: usize = 2500;

/// One gateway shard as a bot names it in IDENTIFY: `[id, total]`.
///
/// A guild belongs to shard `(guild_id >> 22) % total`; direct messages, which have no guild,
/// go to shard 0.
///
/// ```
/// use dossier_testkit::ShardId;
///
/// let shard = ShardId::new(2, 4);
/// let guild = shard.guild(0);
/// assert_eq!(ShardId::of_guild(guild, 4), shard);
/// assert!(shard.owns(Some(guild)));
/// assert!(!shard.owns(None), "direct messages go to shard 0");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ShardId {
    /// The shard's number, from 0.
    pub id: u32,
    /// How many shards the bot splits its guilds over.
    pub total: u32,
}

impl ShardId {
    /// The only shard of an unsharded bot, `[0, 1]`: what an IDENTIFY without `shard` means.
    pub const UNSHARDED: ShardId = ShardId { id: 0, total: 1 };

    /// Shard `id` of `total`.
    pub fn new(id: u32, total: u32) -> Self {
        Self { id, total }
    }

    /// The shard of `total` that owns `guild_id`: `(guild_id >> 22) % total`. A `total` of 0
    /// is taken as 1.
    pub fn of_guild(guild_id: u64, total: u32) -> Self {
        let total = total.max(1);
        let id = (guild_id >> 22) % u64::from(total);
        Self {
            id: u32::try_from(id).unwrap_or(0),
            total,
        }
    }

    /// Whether events of this guild (`None`: a direct message) go to this shard.
    pub fn owns(self, guild_id: Option<u64>) -> bool {
        match guild_id {
            Some(guild_id) => self.total > 0 && Self::of_guild(guild_id, self.total) == self,
            None => self.id == 0,
        }
    }

    /// Whether Discord accepts this in an IDENTIFY: at least one shard, and `id < total`.
    pub fn is_valid(self) -> bool {
        self.total > 0 && self.id < self.total
    }

    /// The `index`th made-up guild id that this shard owns: a realistic snowflake from 2023,
    /// different for every `index` and every shard of the same total.
    pub fn guild(self, index: u64) -> u64 {
        let total = u64::from(self.total.max(1));
        let start = MADE_UP_GUILDS_EPOCH_MILLIS - MADE_UP_GUILDS_EPOCH_MILLIS % total;
        let millis = start + index * total + u64::from(self.id);
        (millis << 22) | (1 << 17)
    }
}

impl fmt::Display for ShardId {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "[{}, {}]", self.id, self.total)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interactions::DEFAULT_GUILD_ID;

    #[test]
    fn guilds_are_routed_by_their_timestamp_bits() {
        // 41771983423959040 >> 22 is 9959216934, and 9959216934 % 4 is 2.
        assert_eq!(
            ShardId::of_guild(41_771_983_423_959_040, 4),
            ShardId::new(2, 4)
        );
        assert_eq!(
            ShardId::of_guild(41_771_983_423_959_040, 1),
            ShardId::UNSHARDED
        );
        assert_eq!(ShardId::of_guild(DEFAULT_GUILD_ID, 0), ShardId::UNSHARDED);
    }

    #[test]
    fn made_up_guilds_land_on_their_shard_and_never_repeat() {
        let mut seen = std::collections::HashSet::new();
        for total in [1, 2, 3, 4, 16] {
            for id in 0..total {
                let shard = ShardId::new(id, total);
                for index in 0..50 {
                    let guild = shard.guild(index);
                    assert_eq!(ShardId::of_guild(guild, total), shard, "guild {guild}");
                    assert!(
                        guild.to_string().len() >= 18,
                        "{guild} is not snowflake-sized"
                    );
                    assert_ne!(guild, DEFAULT_GUILD_ID);
                    if total == 4 {
                        assert!(seen.insert(guild), "{guild} handed out twice");
                    }
                }
            }
        }
    }

    #[test]
    fn direct_messages_belong_to_shard_zero_and_bad_shards_are_invalid() {
        assert!(ShardId::new(0, 3).owns(None));
        assert!(!ShardId::new(1, 3).owns(None));
        assert!(ShardId::new(2, 3).is_valid());
        assert!(!ShardId::new(3, 3).is_valid());
        assert!(!ShardId::new(0, 0).is_valid());
        assert_eq!(ShardId::new(1, 4).to_string(), "[1, 4]");
    }
}
