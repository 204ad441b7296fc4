<?php
/*
 * Reads a WXR file with the WordPress importer's own parser (WXR_Parser_SimpleXML, from the
 * wordpress-importer plugin's src/parsers/) and prints what the importer would create, as JSON:
 * the base URL, then each post with its comments. The few WordPress functions the parser calls
 * are defined here as WordPress defines them; nothing else of WordPress is needed.
 *
 *   php bench/wxr_check.php PATH/TO/wordpress-importer/src/parsers export.xml
 */
class WP_Error {
	public $code, $message, $data;
	public function __construct( $code = '', $message = '', $data = '' ) {
		$this->code = $code; $this->message = $message; $this->data = $data;
	}
	public function get_error_code() { return $this->code; }
	public function get_error_message() { return $this->message; }
	public function get_error_data() { return $this->data; }
}
function is_wp_error( $thing ) { return $thing instanceof WP_Error; }
function __( $text, $domain = 'default' ) { return $text; }
function esc_html( $text ) { return htmlspecialchars( $text, ENT_QUOTES ); }
function _doing_it_wrong( $function, $message, $version ) {}

require $argv[1] . '/class-wxr-parser-simplexml.php';
$parser = new WXR_Parser_SimpleXML();
$result = $parser->parse( $argv[2] );
if ( is_wp_error( $result ) ) {
	fwrite( STDERR, $result->get_error_code() . ': ' . $result->get_error_message() . "\n" );
	exit( 1 );
}
$posts = array();
foreach ( $result['posts'] as $post ) {
	$comments = array();
	foreach ( isset( $post['comments'] ) ? $post['comments'] : array() as $c ) {
		$comments[] = array( 'id' => $c['comment_id'], 'parent' => $c['comment_parent'], 'author' => $c['comment_author'],
			'approved' => $c['comment_approved'], 'date_gmt' => $c['comment_date_gmt'], 'content' => $c['comment_content'] );
	}
	$posts[] = array( 'post_id' => $post['post_id'], 'post_name' => $post['post_name'], 'title' => $post['post_title'],
		'status' => $post['status'], 'type' => $post['post_type'], 'guid' => $post['guid'], 'comments' => $comments );
}
echo json_encode( array( 'version' => $result['version'], 'base_url' => $result['base_url'], 'posts' => $posts ),
	JSON_PRETTY_PRINT | JSON_UNESCAPED_UNICODE ), "\n";
