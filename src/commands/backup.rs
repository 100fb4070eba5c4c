//! `backup FILE`: a complete, consistent copy of the collection, safe while another recall runs.

use super::Context;
use crate::error::{Error, Result};
use crate::text;
use std::io::Write;
use std::path::PathBuf;

#[derive(Debug, Clone, Default, PartialEq, Eq, clap::Args)]
pub struct Args {
    /// The new file to write (it must not exist yet)
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
}

impl Args {
    pub fn run(&self, ctx: &Context<'_>, out: &mut dyn Write) -> Result<()> {
        let shown = text::one_line(&self.file.display().to_string());
        if std::fs::metadata(&self.file).is_ok_and(|meta| meta.len() > 0) {
            return Err(Error::Usage(format!(
                "backup: {shown} already exists; name a new file (a backup never overwrites)"
            )));
        }
        ctx.store.backup_to(&self.file)?;
        let size = std::fs::metadata(&self.file).map_or(0, |meta| meta.len());
        writeln!(
            out,
            "Backed up the collection to {shown} ({} KiB). To restore it, close recall and copy \
             it over the collection file, or open it with --db.",
            size.div_ceil(1024)
        )?;
        Ok(())
    }
}
