//! `config [--json]` and `config set KEY VALUE`: the collection's settings.

use super::Context;
use crate::cli::ConfigAction;
use crate::error::Result;
use crate::settings;
use serde::Serialize;
use std::io::Write;

#[derive(Serialize)]
struct SettingRow {
    key: &'static str,
    value: u32,
    default: u32,
    min: u32,
    max: u32,
    description: &'static str,
}

pub fn run(
    ctx: &Context<'_>,
    action: Option<&ConfigAction>,
    json: bool,
    out: &mut dyn Write,
) -> Result<()> {
    if let Some(ConfigAction::Set { key, value }) = action {
        let stored = ctx.store.write(|store| settings::set(store, key, value))?;
        writeln!(out, "{key} = {stored}")?;
        return Ok(());
    }
    let rows = settings::ALL
        .iter()
        .map(|spec| {
            Ok(SettingRow {
                key: spec.key,
                value: settings::value(ctx.store, spec)?,
                default: spec.default,
                min: spec.min,
                max: spec.max,
                description: spec.description,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    if json {
        serde_json::to_writer_pretty(&mut *out, &rows).map_err(std::io::Error::from)?;
        writeln!(out)?;
        return Ok(());
    }
    for row in rows {
        writeln!(
            out,
            "{:<14} {:>5}   ({}; {}-{}, default {})",
            row.key, row.value, row.description, row.min, row.max, row.default
        )?;
    }
    Ok(())
}
