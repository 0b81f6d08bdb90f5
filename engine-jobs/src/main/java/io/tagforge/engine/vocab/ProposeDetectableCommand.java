package io.tagforge.engine.vocab;

import io.tagforge.labelsystem.detectable.Detectability;
import io.tagforge.labelsystem.wordnet.WordNet;
import java.sql.Connection;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import picocli.CommandLine.Command;

/** {@code ./tagforge vocab propose-detectable}: WordNet's proposal for every tag nobody has decided on. */
@Command(name = "propose-detectable", mixinStandardHelpOptions = true,
        description = {"Proposes from WordNet whether a detector can box each live tag not yet decided (first noun "
                + "sense an artifact, animal, food, plant, person, body part or natural object; not attributes, "
                + "actions, abstractions or scenes). Curators change it on the tag's page; 'clean' takes detectable "
                + "tags unless --categories names others."})
public class ProposeDetectableCommand implements Callable<Integer> {

    private final DataSource dataSource;

    ProposeDetectableCommand(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Integer call() throws Exception {
        try (WordNet wordNet = WordNet.open(); Connection c = dataSource.getConnection()) {
            int[] proposed = new Detectability(wordNet).proposeUndecided(c, null);
            System.out.println(proposed[0] + " tags proposed detectable, " + proposed[1] + " not");
        }
        return 0;
    }
}
