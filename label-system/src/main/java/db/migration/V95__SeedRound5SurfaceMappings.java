package db.migration;

import io.tagforge.labelsystem.mapping.SurfaceMappingSeed;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/** Adds the blocks of round 5 (found in the dev gold and its fresh sample, measured on val2017) ({@link SurfaceMappingSeed#ROUND_5}) to surface_mapping. */
public class V95__SeedRound5SurfaceMappings extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        SurfaceMappingSeed.insert(context.getConnection(), SurfaceMappingSeed.ROUND_5);
    }
}
