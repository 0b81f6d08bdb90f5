package db.migration;

import io.tagforge.labelsystem.mapping.SurfaceMappingSeed;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/** Adds the blocks judged on round 4's fresh val2017 sample ({@link SurfaceMappingSeed#ROUND_4}) to surface_mapping. */
public class V94__SeedRound4SurfaceMappings extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        SurfaceMappingSeed.insert(context.getConnection(), SurfaceMappingSeed.ROUND_4);
    }
}
