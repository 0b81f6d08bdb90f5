package io.tagforge.parser.caption;

import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.semgraph.SemanticGraph;
import edu.stanford.nlp.semgraph.SemanticGraphCoreAnnotations;
import edu.stanford.nlp.semgraph.SemanticGraphEdge;
import edu.stanford.nlp.util.CoreMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One sentence as flat arrays (word, lemma, part of speech, head, relation), which the rules read far faster
 * than CoreNLP's graph objects. Token i here is CoreNLP's index i + 1; a head of -1 is the root.
 */
final class SentenceGraph {

    final int size;
    final String[] word;
    final String[] lemma;
    final String[] pos;
    final int[] head;
    final String[] relation;
    final int[] begin;
    final int[] end;
    private final List<List<Integer>> children;

    SentenceGraph(CoreMap sentence) {
        List<CoreLabel> tokens = sentence.get(CoreAnnotations.TokensAnnotation.class);
        size = tokens.size();
        word = new String[size];
        lemma = new String[size];
        pos = new String[size];
        head = new int[size];
        relation = new String[size];
        begin = new int[size];
        end = new int[size];
        children = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            CoreLabel t = tokens.get(i);
            word[i] = t.word();
            lemma[i] = t.lemma() == null ? t.word().toLowerCase(Locale.ROOT) : t.lemma().toLowerCase(Locale.ROOT);
            pos[i] = t.tag() == null ? "" : t.tag();
            begin[i] = t.beginPosition();
            end[i] = t.endPosition();
            head[i] = -1;
            relation[i] = "root";
            children.add(new ArrayList<>(2));
        }
        SemanticGraph graph = sentence.get(SemanticGraphCoreAnnotations.BasicDependenciesAnnotation.class);
        if (graph != null) {
            for (SemanticGraphEdge edge : graph.edgeIterable()) {
                int child = edge.getDependent().index() - 1;
                int parent = edge.getGovernor().index() - 1;
                if (child >= 0 && child < size && parent >= 0 && parent < size) {
                    head[child] = parent;
                    relation[child] = edge.getRelation().toString();
                    children.get(parent).add(child);
                }
            }
        }
    }

    List<Integer> children(int token) {
        return children.get(token);
    }

    /** The first child of a token with this relation (a prefix: "obl" also finds "obl:tmod"), or -1. */
    int child(int token, String relationPrefix) {
        for (int c : children.get(token)) {
            if (relation[c].startsWith(relationPrefix)) {
                return c;
            }
        }
        return -1;
    }

    boolean hasChild(int token, String relationPrefix, String childLemma) {
        for (int c : children.get(token)) {
            if (relation[c].startsWith(relationPrefix) && lemma[c].equals(childLemma)) {
                return true;
            }
        }
        return false;
    }

    boolean isNoun(int token) {
        return pos[token].startsWith("NN");
    }

    boolean isCommonNoun(int token) {
        return pos[token].equals("NN") || pos[token].equals("NNS");
    }

    boolean isAdjective(int token) {
        return pos[token].startsWith("JJ");
    }

    boolean isVerb(int token) {
        return pos[token].startsWith("VB");
    }

    /** "X of Y": the token has a nominal dependent introduced by "of" (a group of people, the side of the road). */
    boolean governsOfPhrase(int token) {
        return ofPhrase(token) >= 0;
    }

    /** The noun of the token's "of" phrase ("a group of people": people), or -1. */
    int ofPhrase(int token) {
        for (int c : children.get(token)) {
            if (relation[c].startsWith("nmod") && hasChild(c, "case", "of")) {
                return c;
            }
        }
        return -1;
    }
}
