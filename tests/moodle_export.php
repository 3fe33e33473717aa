<?php
// Moodle's own Moodle XML export of a file Moodle has just imported.
//
//   php moodle_export.php HARNESS_COPY FILE.xml|FILE.gift xml|gift > EXPORT.xml
//
// HARNESS_COPY is a copy of the shared harness's import.php and bootstrap.php (made by
// tests/test_moodle_import_check.py) whose tags stub also answers get_item_tags(), which the
// export asks for. The import is the harness's (qformat_xml / qformat_gift, importprocess()
// into the in-memory database); the export is qformat_default::exportprocess()'s loop with
// Moodle's own code for each step: get_question_options() for every question,
// get_category_path() and create_dummy_question_representing_category() for the category,
// qformat_xml::writequestion() and presave_process(). Only exportprocess()'s database look-ups
// (question_bank::load_question, get_questions_category) are done here by hand, from the same
// tables.

[$copy, $file, $format] = [$argv[1], $argv[2], $argv[3]];
$argv = ['import.php', $format, $file];
ob_start();
require($copy . '/import.php');
ob_end_clean();

global $DB;
$qformat = new qformat_xml();
$qformat->setContexts([harness_contexts()[50]]);
$qformat->setCourse((object) ['id' => 2, 'fullname' => 'Course', 'shortname' => 'C']);
$qformat->setCattofile(true);
$qformat->setContexttofile(true);
$path = new ReflectionMethod($qformat, 'get_category_path');
$path->setAccessible(true);
$dummy = new ReflectionMethod($qformat, 'create_dummy_question_representing_category');
$dummy->setAccessible(true);
$presave = new ReflectionMethod($qformat, 'presave_process');
$presave->setAccessible(true);

$expout = '';
$written = [];
$rows = $DB->tables['question'] ?? [];
ksort($rows);
foreach ($rows as $row) {
    $question = (object) $row;
    $version = $DB->get_record('question_versions', ['questionid' => $row['id']]);
    $entry = $DB->get_record('question_bank_entries', ['id' => $version->questionbankentryid]);
    $question->category = $entry->questioncategoryid;
    $question->idnumber = $entry->idnumber;
    $question->contextid = $DB->get_field('question_categories', 'contextid',
        ['id' => $question->category]);
    question_bank::get_qtype($question->qtype)->get_question_options($question);
    if (!in_array($question->category, $written)) {
        $info = $DB->get_record('question_categories', ['id' => $question->category]);
        $expout .= $qformat->writequestion($dummy->invoke($qformat,
            $path->invoke($qformat, $question->category, true), $info)) . "\n";
        $written[] = $question->category;
    }
    $expout .= $qformat->writequestion($question) . "\n";
}
echo $presave->invoke($qformat, $expout);
